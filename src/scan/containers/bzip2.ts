// SPDX-License-Identifier: Apache-2.0
import { createRequire } from 'node:module';
import { isCitadelError } from '../../core/index.js';
import type { DecompressOptions, DecompressResult } from './decompress.js';

interface SeekBzip {
  decode(input: object, output: object, multistream: boolean): unknown;
}

const require = createRequire(import.meta.url);
const seekBzip = require('seek-bzip') as SeekBzip;

const DEADLINE_EVERY = 1 << 20;

/** Thrown from inside seek-bzip's callbacks to stop it; never escapes this file. */
class StopDecoding extends Error {
  constructor(readonly reason: 'too-large' | 'truncated' | 'trailing') {
    super(reason);
  }
}

/** Output that refuses to grow past a bound; seek-bzip writes one byte at a time (its `writeByte` stream). */
class BoundedOutput {
  private buffer: Buffer;
  length = 0;

  constructor(private readonly maxBytes: number, private readonly checkDeadline?: () => void) {
    this.buffer = Buffer.allocUnsafe(Math.min(1 << 16, maxBytes));
  }

  writeByte(byte: number): void {
    if (this.length >= this.buffer.length) this.grow();
    this.buffer[this.length++] = byte;
    if ((this.length & (DEADLINE_EVERY - 1)) === 0) this.checkDeadline?.();
  }

  private grow(): void {
    if (this.length >= this.maxBytes) throw new StopDecoding('too-large');
    const next = Buffer.allocUnsafe(Math.min(this.maxBytes, this.buffer.length * 2));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  toBytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Input for seek-bzip that raises at the end instead of returning undefined (its bit reader does
 * not check), and that marks where each further stream starts, so trailing garbage after a
 * complete stream is told apart from a damaged stream (CPython's BZ2File ignores the former).
 */
class TrackedInput {
  pos = 0;
  streams = 0;

  constructor(private readonly input: Uint8Array) {}

  readByte(): number {
    if (this.pos >= this.input.length) throw new StopDecoding('truncated');
    return this.input[this.pos++] as number;
  }

  eof(): boolean {
    return this.pos >= this.input.length;
  }

  /** Called by seek-bzip only to read a stream's "BZh" + level magic. */
  read(target: Uint8Array, offset: number, length: number): number {
    const magic = this.input.subarray(this.pos, this.pos + length);
    const isStream = magic.length === 4 && magic[0] === 0x42 && magic[1] === 0x5a && magic[2] === 0x68;
    if (this.streams > 0 && !isStream) throw new StopDecoding('trailing');
    this.streams++;
    target.set(magic, offset);
    this.pos += magic.length;
    return magic.length === 0 ? -1 : magic.length;
  }
}

/**
 * Decompresses every bzip2 stream in `input` with seek-bzip, never holding more than
 * options.maxBytes of output.
 */
export function bunzipBounded(input: Uint8Array, options: DecompressOptions): DecompressResult {
  const output = new BoundedOutput(options.maxBytes, options.checkDeadline);
  const tracked = new TrackedInput(input);
  try {
    seekBzip.decode(tracked, output, true);
    return { status: 'ok', data: output.toBytes(), notes: [] };
  } catch (error) {
    if (isCitadelError(error)) throw error;
    return toFailure(error, tracked, output);
  }
}

function toFailure(error: unknown, tracked: TrackedInput, output: BoundedOutput): DecompressResult {
  const reason = error instanceof StopDecoding ? error.reason : undefined;
  if (reason === 'too-large') return { status: 'too-large' };
  if (reason === 'trailing') {
    const note = `bytes from offset ${tracked.pos} after the last bzip2 stream are not a bzip2 stream`;
    return { status: 'ok', data: output.toBytes(), notes: [note] };
  }
  const message = reason === 'truncated' ? 'the bzip2 stream ends early' : `bzip2 data is damaged: ${(error as Error).message}`;
  return { status: 'corrupt', message, partial: output.toBytes() };
}
