// SPDX-License-Identifier: Apache-2.0
import { EventEmitter } from 'node:events';

/**
 * Cancels one upstream call: undici takes an EventEmitter that emits `abort` as a request signal.
 * Every proxied request needs one (the caller may hang up), and building an AbortController and
 * its AbortSignal costs several microseconds in Node 20, a visible share of the gateway's own
 * time per request; an emitter costs a fraction of a microsecond.
 */
export class CancelSignal extends EventEmitter {
  /** Read by undici before it sends: a call cancelled already is never started. */
  aborted = false;

  /** Cancels the call, once; undici then fails or ends the request and frees its connection. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}
