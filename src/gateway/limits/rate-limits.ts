// SPDX-License-Identifier: Apache-2.0
import type { RateCounter, RateDecision } from '../../store/index.js';
import type { GatewayConfig, Policy } from '../config/schema.js';
import { GatewayError } from '../errors.js';

/** A denial with its wait, for the 429 and its retry-after header (RFC 9110 §10.2.3). */
function toRateLimited(what: string, decision: RateDecision): GatewayError {
  const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return new GatewayError('GATEWAY_RATE_LIMITED', `${what} rate limit reached; retry after ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/** A token bucket that refills `limit` per `windowMs`: the smooth form of "limit per window". */
function toBucket(limit: number, windowMs: number, cost = 1): { capacity: number; refillPerSecond: number; cost: number } {
  return { capacity: limit, refillPerSecond: (limit * 1000) / windowMs, cost: Math.min(Math.max(1, Math.ceil(cost)), limit) };
}

/**
 * Requests and tokens per window per key, and requests per window per client address, on the
 * shared counters (Redis across replicas, memory in one process).
 */
export class RateLimits {
  constructor(private readonly counters: RateCounter, private readonly config: GatewayConfig['bans']) {}

  /** @throws GatewayError GATEWAY_RATE_LIMITED when the address is over its request limit. */
  async admitAddress(address: string): Promise<void> {
    if (!this.config.ipRequests) return;
    const decision = await this.counters.takeToken(`rq:ip:${address}`, toBucket(this.config.ipRequests, this.config.ipWindow));
    if (!decision.allowed) throw toRateLimited('client address request', decision);
  }

  /** @throws GatewayError GATEWAY_RATE_LIMITED when the key is over its request limit. */
  async admitRequest(keyId: string, policy: Policy): Promise<void> {
    const { requests, window } = policy.limits;
    if (!requests) return;
    const decision = await this.counters.takeToken(`rq:key:${keyId}`, toBucket(requests, window));
    if (!decision.allowed) throw toRateLimited('key request', decision);
  }

  /**
   * Takes the prompt's estimated tokens from the key's token bucket.
   * @throws GatewayError GATEWAY_RATE_LIMITED when the bucket cannot cover them.
   */
  async admitTokens(keyId: string, policy: Policy, promptTokens: number): Promise<void> {
    const { tokens, window } = policy.limits;
    if (!tokens || promptTokens < 1) return;
    const decision = await this.counters.takeToken(`tk:key:${keyId}`, toBucket(tokens, window, promptTokens));
    if (!decision.allowed) throw toRateLimited('key token', decision);
  }

  /**
   * Charges tokens the response used beyond what admitKey took. When the bucket holds less, it
   * is emptied, so the next request waits; a response is never cut short after the fact.
   */
  async chargeTokens(keyId: string, policy: Policy, extraTokens: number): Promise<void> {
    const { tokens, window } = policy.limits;
    if (!tokens || extraTokens < 1) return;
    const decision = await this.counters.takeToken(`tk:key:${keyId}`, toBucket(tokens, window, extraTokens));
    if (!decision.allowed && decision.remaining >= 1) await this.counters.takeToken(`tk:key:${keyId}`, toBucket(tokens, window, Math.floor(decision.remaining)));
  }
}

/** @returns a cheap token estimate for text (about four characters per token for English BPE vocabularies). */
export function toTokenEstimate(chars: number): number {
  return Math.ceil(chars / 4);
}
