// SPDX-License-Identifier: Apache-2.0

/** One top-level field seen in the head of a protobuf message. */
export interface WireField {
  readonly field: number;
  readonly wire: number;
  /** Varint value, or the length of a length-delimited field. */
  readonly value: number;
  /** Where a length-delimited payload starts. */
  readonly start: number;
}

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const b = bytes[at + i];
    if (b === undefined) return undefined;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return undefined;
}

/**
 * Walks the protobuf wire format (protobuf.dev/programming-guides/encoding) over `bytes`, which
 * is a message head: fields whose payload runs past the head end the walk, not the result.
 * @returns the fields read, or undefined when the bytes break the wire format before that.
 */
export function toWireFields(bytes: Uint8Array, max = 16): WireField[] | undefined {
  const fields: WireField[] = [];
  let at = 0;
  while (at < bytes.length && fields.length < max) {
    const tag = readVarint(bytes, at);
    if (!tag) return fields.length ? fields : undefined;
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (field === 0) return undefined;
    if (wire === 0) {
      const v = readVarint(bytes, tag.next);
      if (!v) return fields;
      fields.push({ field, wire, value: v.value, start: tag.next });
      at = v.next;
    } else if (wire === 2) {
      const len = readVarint(bytes, tag.next);
      if (!len) return fields;
      fields.push({ field, wire, value: len.value, start: len.next });
      at = len.next + len.value;
    } else if (wire === 1 || wire === 5) {
      fields.push({ field, wire, value: 0, start: tag.next });
      at = tag.next + (wire === 1 ? 8 : 4);
    } else {
      return undefined;
    }
  }
  return fields;
}

/** @returns true when `bytes[start, start+len)` (clipped to the head) is printable UTF-8 text. */
export function isTextAt(bytes: Uint8Array, start: number, length: number): boolean {
  const end = Math.min(bytes.length, start + length);
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  return true;
}
