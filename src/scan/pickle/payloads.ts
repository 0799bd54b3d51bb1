// SPDX-License-Identifier: Apache-2.0
import { inflateSync } from 'node:zlib';
import { isBytes, isCall, type Value } from './values.js';

/** Decoded payloads larger than this are not followed. */
const MAX_PAYLOAD = 16 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

const latin1 = new TextDecoder('latin1');

/** @returns bytes from base64 or hex text, or undefined when the text is neither. */
export function decodeText(text: string): Uint8Array | undefined {
  const t = text.replace(/\s+/g, '');
  if (t.length < 4 || t.length > MAX_PAYLOAD * 2) return undefined;
  if (HEX.test(t)) return Buffer.from(t, 'hex');
  if (BASE64.test(t)) return Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  return undefined;
}

/**
 * @returns the bytes a loader would unpickle from `v`: bytes as they are, a decoder's output, or
 * text (pickle.loads accepts str in some wrappers) decoded from base64/hex when it looks encoded.
 */
export function toPayloadBytes(v: Value): Uint8Array | undefined {
  if (isBytes(v)) return v.data ?? undefined;
  if (isCall(v)) return v.bytes;
  if (typeof v === 'string') return decodeText(v) ?? Buffer.from(v, 'latin1');
  return undefined;
}

function toText(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v !== undefined && isBytes(v) && v.data) return latin1.decode(v.data);
  return undefined;
}

/** Pure decoders whose output a nested loader may receive; modelled so the payload is seen. */
const DECODERS: Readonly<Record<string, (args: readonly Value[]) => Uint8Array | undefined>> = {
  'base64.b64decode': (a) => fromText(a[0], 'base64'),
  'base64.standard_b64decode': (a) => fromText(a[0], 'base64'),
  'base64.urlsafe_b64decode': (a) => fromText(a[0], 'base64url'),
  'base64.decodebytes': (a) => fromText(a[0], 'base64'),
  'base64.b16decode': (a) => fromText(a[0], 'hex'),
  'binascii.a2b_base64': (a) => fromText(a[0], 'base64'),
  'binascii.unhexlify': (a) => fromText(a[0], 'hex'),
  'binascii.a2b_hex': (a) => fromText(a[0], 'hex'),
  'builtins.bytes.fromhex': (a) => fromText(a[0], 'hex'),
  'builtins.bytearray.fromhex': (a) => fromText(a[0], 'hex'),
  // Protocol 2 writes bytes as _codecs.encode(text, "latin1"): the bytes are the text's code points.
  '_codecs.encode': (a) => fromEncode(a),
  'codecs.encode': (a) => fromEncode(a),
  'codecs.decode': (a) => fromCodec(a),
  '_codecs.decode': (a) => fromCodec(a),
  'io.BytesIO': (a) => toPayloadBytes(a[0] ?? null),
  '_io.BytesIO': (a) => toPayloadBytes(a[0] ?? null),
  'zlib.decompress': (a) => inflateBounded(toPayloadBytes(a[0] ?? null)),
};

function fromText(v: Value | undefined, encoding: 'base64' | 'base64url' | 'hex'): Uint8Array | undefined {
  const text = toText(v);
  if (text === undefined || text.length > MAX_PAYLOAD * 2) return undefined;
  return Buffer.from(text.replace(/\s+/g, ''), encoding);
}

function fromEncode(args: readonly Value[]): Uint8Array | undefined {
  const [text, codec] = args;
  if (typeof text !== 'string' || text.length > MAX_PAYLOAD) return undefined;
  const name = typeof codec === 'string' ? codec.toLowerCase().replace(/[-_]/g, '') : 'utf8';
  if (name === 'latin1' || name === 'iso88591') return Buffer.from(text, 'latin1');
  if (name === 'utf8') return Buffer.from(text, 'utf8');
  return undefined;
}

function fromCodec(args: readonly Value[]): Uint8Array | undefined {
  const codec = typeof args[1] === 'string' ? args[1].toLowerCase().replace(/[-_]/g, '') : '';
  if (codec === 'hex' || codec === 'hexcodec') return fromText(args[0], 'hex');
  if (codec === 'base64' || codec === 'base64codec') return fromText(args[0], 'base64');
  if (codec === 'zlib' || codec === 'zlibcodec') return inflateBounded(toPayloadBytes(args[0] ?? null));
  return undefined;
}

function inflateBounded(bytes: Uint8Array | undefined): Uint8Array | undefined {
  if (!bytes) return undefined;
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_PAYLOAD });
  } catch {
    return undefined;
  }
}

/** @returns the bytes a known decoder call produces, when its arguments are literal. */
export function decodeBytesCall(name: string, args: readonly Value[]): Uint8Array | undefined {
  const decode = DECODERS[name];
  return decode ? decode(args) : undefined;
}
