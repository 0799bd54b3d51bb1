// SPDX-License-Identifier: Apache-2.0
import type { Ledger } from '../../ledger/index.js';

/** One ledger entry: a decision on a request, or an admin action. Canonical JSON (RFC 8785) on the log. */
export type AuditEntry = Readonly<Record<string, unknown>> & { readonly type: string };

export interface AuditTrailOptions {
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  /** Entries waiting past this mean the ledger is behind: the gateway refuses traffic (fails closed). */
  readonly queueSize: number;
  readonly onFailure?: (error: unknown) => void;
  readonly onDepth?: (depth: number) => void;
  /** Called for each entry refused because the queue is at twice its bound (the ledger is down). */
  readonly onDropped?: () => void;
}

/** After a failed append, wait this long before trying the same batch again. */
const RETRY_MS = 1_000;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => { setImmediate(resolve); });
}

/**
 * Appends audit entries to the ledger in batches (one transaction per batch), off the request
 * path. An entry that failed to append stays queued and is retried; nothing is dropped. While the
 * queue is over its bound the gateway answers 503 rather than serve unaudited. close() appends
 * every queued entry before it resolves, so a clean shutdown records every decision; a crash
 * (kill -9, power loss) loses at most the entries queued since the last batch committed, that is
 * at most flushIntervalMs of decisions or batchSize entries.
 */
export class AuditTrail {
  private queue: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failedAt = 0;

  constructor(private readonly ledger: Ledger, private readonly options: AuditTrailOptions) {}

  /**
   * Queues an entry; it reaches the ledger within flushIntervalMs (sooner when a batch fills).
   * Past twice the bound (the gateway already refuses traffic at the bound, but each refusal is
   * itself a decision) entries are dropped and counted, so a ledger outage cannot exhaust memory.
   * @returns false when the entry was dropped.
   */
  record(entry: AuditEntry): boolean {
    if (this.queue.length >= 2 * this.options.queueSize) {
      this.options.onDropped?.();
      return false;
    }
    this.queue.push(entry);
    this.options.onDepth?.(this.queue.length);
    if (this.queue.length >= this.options.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => { this.timer = undefined; void this.flush(); }, this.options.flushIntervalMs);
    return true;
  }

  /** @returns true while the ledger is too far behind to accept more traffic. */
  isBacklogged(): boolean {
    return this.queue.length >= this.options.queueSize;
  }

  /** @returns entries not yet on the ledger. */
  pending(): number {
    return this.queue.length;
  }

  /** Appends everything queued so far. Resolves when done or when the ledger failed (entries stay queued). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.queue.length) return;
    this.flushing = this.appendQueued().finally(() => { this.flushing = undefined; });
    await this.flushing;
  }

  /** Flushes until the queue is empty or `graceMs` has passed. */
  async close(graceMs = 10_000): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + graceMs;
    while (this.queue.length && Date.now() < deadline) {
      this.failedAt = 0;
      await this.flush();
      if (this.queue.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async appendQueued(): Promise<void> {
    if (Date.now() - this.failedAt < RETRY_MS) {
      this.timer ??= setTimeout(() => { this.timer = undefined; void this.flush(); }, RETRY_MS);
      return;
    }
    while (this.queue.length) {
      const batch = this.queue.slice(0, this.options.batchSize);
      try {
        await this.ledger.append(batch);
      } catch (error) {
        this.failedAt = Date.now();
        this.options.onFailure?.(error);
        this.timer ??= setTimeout(() => { this.timer = undefined; void this.flush(); }, RETRY_MS);
        return;
      }
      this.queue = this.queue.slice(batch.length);
      this.options.onDepth?.(this.queue.length);
      // An embedded store appends synchronously: let the requests waiting on the event loop run
      // between two batches, so a backlog costs them one batch's wait, not the whole queue's.
      if (this.queue.length) await yieldToEventLoop();
    }
  }
}
