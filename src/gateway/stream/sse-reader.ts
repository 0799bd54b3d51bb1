// SPDX-License-Identifier: Apache-2.0
import { StringDecoder } from 'node:string_decoder';
import { GatewayError } from '../errors.js';

/** One server-sent event (WHATWG HTML §9.2.6): the `data` lines joined by "\n". */
export interface SseEvent {
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * Incremental parser for `text/event-stream` bytes, however the network splits them: UTF-8
 * sequences, CRLF pairs and lines may all straddle chunks. Bounded: an event whose data grows past
 * `maxEventChars` is an upstream error, not a reason to buffer without end.
 */
export class SseReader {
  private readonly decoder = new StringDecoder('utf8');
  private line = '';
  private data: string[] = [];
  private dataChars = 0;
  private event: string | undefined;
  private pendingCr = false;
  private hasData = false;

  constructor(private readonly maxEventChars: number) {}

  /**
   * @returns the events completed by `chunk`, in order.
   * @throws GatewayError GATEWAY_UPSTREAM_UNAVAILABLE when one event is over the bound.
   */
  push(chunk: Uint8Array): SseEvent[] {
    return this.feed(this.decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
  }

  /**
   * @returns the events still open when the stream ended. The spec drops an event with no blank
   * line after it; some servers end on `data: [DONE]` alone, so a complete data line is kept.
   */
  end(): SseEvent[] {
    const events = this.feed(this.decoder.end());
    if (this.line.length) this.takeLine(this.line, events);
    this.line = '';
    this.takeLine('', events);
    return events;
  }

  private feed(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    // An empty chunk (or a partial UTF-8 sequence) must not forget a CR that ended the last one.
    if (text === '') return events;
    let start = 0;
    if (this.pendingCr && text.startsWith('\n')) start = 1;
    this.pendingCr = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.takeLine(this.line + text.slice(start, i), events);
      this.line = '';
      if (c === 13) {
        if (i + 1 === text.length) this.pendingCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.line += text.slice(start);
    if (this.line.length > this.maxEventChars) throw tooLong(this.maxEventChars);
    return events;
  }

  private takeLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.hasData) events.push({ event: this.event, data: this.data.join('\n') });
      this.data = [];
      this.dataChars = 0;
      this.event = undefined;
      this.hasData = false;
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.dataChars += value.length + 1;
      if (this.dataChars > this.maxEventChars) throw tooLong(this.maxEventChars);
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'event') {
      this.event = value;
    }
  }
}

function tooLong(max: number): GatewayError {
  return new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream sent a server-sent event over ${max} characters`);
}

/** @returns the wire form of one event carrying `data`. */
export function toSseText(data: string): string {
  return `data: ${data}\n\n`;
}
