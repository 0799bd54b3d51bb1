// SPDX-License-Identifier: Apache-2.0
import type { Redis } from 'ioredis';
import { StoreError } from './errors.js';
import { checkKey, toPromise } from './rate-math.js';
import { toRedisFailure } from './redis-errors.js';
import type { MessageHandler, PubSub } from './shared.js';

/** A message larger than this is refused: pub/sub carries notices (a ban, a key revoked), not data. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

function checkMessage(channel: string, message: string): void {
  checkKey(channel, 'channel');
  if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES) throw new StoreError('STORE_USAGE', `expected a message of at most ${MAX_MESSAGE_BYTES} bytes`);
}

/** Handlers per channel; a throwing handler does not stop the others. */
class Handlers {
  readonly byChannel = new Map<string, Set<MessageHandler>>();

  add(channel: string, handler: MessageHandler): boolean {
    const set = this.byChannel.get(channel) ?? new Set();
    const isFirst = set.size === 0;
    this.byChannel.set(channel, set.add(handler));
    return isFirst;
  }

  /** @returns true when `channel` has no handler left. */
  delete(channel: string, handler: MessageHandler): boolean {
    const set = this.byChannel.get(channel);
    set?.delete(handler);
    if (set?.size !== 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  deliver(channel: string, message: string): number {
    const set = [...(this.byChannel.get(channel) ?? [])];
    for (const handler of set) {
      try {
        handler(message, channel);
      } catch { /* one subscriber's bug must not silence the rest */ }
    }
    return set.length;
  }
}

/** The single-process twin: delivery on a later turn of the event loop, as over a network. */
export class MemoryPubSub implements PubSub {
  private readonly handlers = new Handlers();
  private closed = false;

  publish(channel: string, message: string): Promise<number> {
    return toPromise(() => {
      this.checkOpen();
      checkMessage(channel, message);
      const count = this.handlers.byChannel.get(channel)?.size ?? 0;
      setImmediate(() => { if (!this.closed) this.handlers.deliver(channel, message); });
      return count;
    });
  }

  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    return toPromise(() => {
      this.checkOpen();
      checkKey(channel, 'channel');
      this.handlers.add(channel, handler);
      return () => toPromise(() => { this.handlers.delete(channel, handler); });
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.handlers.byChannel.clear();
    return Promise.resolve();
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected an open pub/sub, got a closed one');
  }
}

/** Redis pub/sub: one connection publishes, a second one (subscriber mode) listens. */
export class RedisPubSub implements PubSub {
  private readonly handlers = new Handlers();
  private closed = false;

  constructor(private readonly publisher: Redis, private readonly subscriber: Redis, private readonly prefix: string) {
    subscriber.on('message', (channel: string, message: string) => {
      if (channel.startsWith(prefix)) this.handlers.deliver(channel.slice(prefix.length), message);
    });
  }

  async publish(channel: string, message: string): Promise<number> {
    this.checkOpen();
    checkMessage(channel, message);
    try {
      return await this.publisher.publish(this.prefix + channel, message);
    } catch (error) {
      throw toRedisFailure(error);
    }
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    this.checkOpen();
    checkKey(channel, 'channel');
    if (this.handlers.add(channel, handler)) {
      try {
        await this.subscriber.subscribe(this.prefix + channel);
      } catch (error) {
        this.handlers.delete(channel, handler);
        throw toRedisFailure(error);
      }
    }
    return async () => {
      if (this.handlers.delete(channel, handler) && !this.closed) await this.subscriber.unsubscribe(this.prefix + channel).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.byChannel.clear();
    await Promise.all([this.publisher.quit().catch(() => undefined), this.subscriber.quit().catch(() => undefined)]);
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected an open pub/sub, got a closed one');
  }
}
