// SPDX-License-Identifier: Apache-2.0
import type { PubSub } from '../../store/index.js';
import type { Ban } from './ban-list.js';

type BusMessage =
  | { readonly type: 'ban'; readonly ban: Ban }
  | { readonly type: 'lift'; readonly subject: string }
  | { readonly type: 'key-revoked'; readonly id: string };

/** Messages larger than this are not ours. */
const MAX_MESSAGE = 4096;

/** @returns the message if `text` is a well-formed bus message, else undefined. */
function toBusMessage(text: string): BusMessage | undefined {
  if (text.length > MAX_MESSAGE) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = value as Record<string, unknown> | null;
  if (m?.['type'] === 'lift' && typeof m['subject'] === 'string') return { type: 'lift', subject: m['subject'] };
  if (m?.['type'] === 'key-revoked' && typeof m['id'] === 'string') return { type: 'key-revoked', id: m['id'] };
  const ban = m?.['ban'] as Record<string, unknown> | undefined;
  if (m?.['type'] === 'ban' && typeof ban?.['subject'] === 'string' && typeof ban['until'] === 'number') {
    return { type: 'ban', ban: { subject: ban['subject'], until: ban['until'], reason: typeof ban['reason'] === 'string' ? ban['reason'] : '', strikes: Number(ban['strikes'] ?? 0), createdAt: Number(ban['createdAt'] ?? 0) } };
  }
  return undefined;
}

/** The replicas' shared channel: bans, lifted bans and revoked keys (Redis pub/sub, or in-process). */
export class GatewayBus {
  private readonly banHandlers: ((ban: Ban) => void)[] = [];
  private readonly liftHandlers: ((subject: string) => void)[] = [];
  private readonly revokeHandlers: ((id: string) => void)[] = [];
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(private readonly pubsub: PubSub, private readonly channel: string) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(this.channel, (text) => { this.dispatch(text); });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  onBan(handler: (ban: Ban) => void): void { this.banHandlers.push(handler); }
  onLift(handler: (subject: string) => void): void { this.liftHandlers.push(handler); }
  onKeyRevoked(handler: (id: string) => void): void { this.revokeHandlers.push(handler); }

  async publishBan(ban: Ban): Promise<void> { await this.publish({ type: 'ban', ban }); }
  async publishLift(subject: string): Promise<void> { await this.publish({ type: 'lift', subject }); }
  async publishKeyRevoked(id: string): Promise<void> { await this.publish({ type: 'key-revoked', id }); }

  private async publish(message: BusMessage): Promise<void> {
    await this.pubsub.publish(this.channel, JSON.stringify(message));
  }

  private dispatch(text: string): void {
    const message = toBusMessage(text);
    if (!message) return;
    if (message.type === 'ban') for (const h of this.banHandlers) h(message.ban);
    else if (message.type === 'lift') for (const h of this.liftHandlers) h(message.subject);
    else for (const h of this.revokeHandlers) h(message.id);
  }
}
