// SPDX-License-Identifier: Apache-2.0
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

/** One alert, posted as JSON to every webhook. */
export interface Alert {
  readonly type: 'ban' | 'block-burst';
  readonly at: string;
  readonly replica: string;
  readonly [field: string]: unknown;
}

export interface WebhookTarget {
  readonly url: string;
  /** HMAC-SHA256 key; the hex digest of the body goes in x-citadel-signature as `sha256=<hex>`. */
  readonly secret: string | undefined;
}

export interface WebhookQueueOptions {
  readonly queueSize: number;
  readonly retries: number;
  readonly timeoutMs: number;
  /** First retry delay; each further retry doubles it. */
  readonly backoffMs?: number;
  readonly onOutcome?: (outcome: 'sent' | 'failed' | 'dropped') => void;
}

/**
 * Delivers alerts in order from a bounded queue: a dead webhook costs a bounded amount of memory
 * (excess alerts are dropped and counted) and never slows the request path.
 */
export class WebhookQueue {
  private readonly queue: Alert[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly targets: readonly WebhookTarget[], private readonly options: WebhookQueueOptions) {}

  /** @returns false when the alert was dropped (queue full, closed, or no webhook configured). */
  enqueue(alert: Alert): boolean {
    if (!this.targets.length) return false;
    if (this.closed || this.queue.length >= this.options.queueSize) {
      this.options.onOutcome?.('dropped');
      return false;
    }
    this.queue.push(alert);
    this.running ??= this.drain().catch(() => undefined).finally(() => { this.running = undefined; });
    return true;
  }

  /** @returns alerts waiting to be sent. */
  pending(): number {
    return this.queue.length;
  }

  /** Stops taking alerts and waits up to `graceMs` for the queue to drain. */
  async close(graceMs = 2_000): Promise<void> {
    this.closed = true;
    if (this.running) await Promise.race([this.running, sleep(graceMs, undefined, { ref: false })]);
  }

  private async drain(): Promise<void> {
    for (let alert = this.queue.shift(); alert; alert = this.queue.shift()) {
      const body = JSON.stringify(alert);
      for (const target of this.targets) this.options.onOutcome?.((await this.deliver(target, body)) ? 'sent' : 'failed');
    }
  }

  private async deliver(target: WebhookTarget, body: string): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'citadel-gateway' };
    if (target.secret) headers['x-citadel-signature'] = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
    const backoff = this.options.backoffMs ?? 250;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await sleep(backoff * 2 ** (attempt - 1), undefined, { ref: false });
      const status = await post(target.url, { headers, body, timeoutMs: this.options.timeoutMs });
      if (status >= 200 && status < 300) return true;
      // Retry only what may succeed later: network failures, 408, 429 and 5xx.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
    }
    return false;
  }
}

/** @returns the response status, or 0 when the request failed. */
async function post(url: string, options: { headers: Record<string, string>; body: string; timeoutMs: number }): Promise<number> {
  try {
    const response = await request(url, {
      method: 'POST', headers: options.headers, body: options.body,
      headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body.dump({ limit: 64 * 1024 });
    return response.statusCode;
  } catch {
    return 0;
  }
}
