// SPDX-License-Identifier: Apache-2.0
import { channel } from 'node:diagnostics_channel';

/**
 * diagnostics_channel events (DESIGN.md, Observability): subscribe with
 * `diagnostics_channel.subscribe('citadel:gateway:blocked', fn)`. Published only when someone listens.
 */
export const GATEWAY_CHANNELS = {
  decision: channel('citadel:gateway:decision'),
  blocked: channel('citadel:gateway:blocked'),
  redacted: channel('citadel:gateway:redacted'),
  rateLimited: channel('citadel:gateway:rate-limited'),
  banned: channel('citadel:gateway:banned'),
  upstreamError: channel('citadel:gateway:upstream-error'),
} as const;

export type GatewayChannel = keyof typeof GATEWAY_CHANNELS;

/** Publishes `message` on a gateway channel when it has subscribers. */
export function publishEvent(name: GatewayChannel, message: unknown): void {
  const target = GATEWAY_CHANNELS[name];
  if (target.hasSubscribers) target.publish(message);
}
