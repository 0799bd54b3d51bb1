// SPDX-License-Identifier: Apache-2.0
import type { RateCounter } from '../../store/index.js';
import type { GatewayConfig } from '../config/schema.js';
import type { Ban, BanList } from './ban-list.js';

/** Strikes are counted in a sliding window whose limit is never reached. */
const UNBOUNDED = 1_000_000_000;

/**
 * Counts blocked attempts per subject and bans along the ladder: once a subject's strikes in the
 * window reach a step, every further strike bans it for that step's duration, so a repeat
 * offender is banned again at once and for longer as it climbs.
 */
export class Strikes {
  private readonly ladder: GatewayConfig['bans']['ladder'];

  constructor(private readonly counters: RateCounter, private readonly bans: BanList, private readonly config: GatewayConfig['bans']) {
    this.ladder = [...config.ladder].sort((a, b) => a.strikes - b.strikes);
  }

  /** Records one strike. @returns the ban it triggered, if any. */
  async strike(subject: string, reason: string): Promise<Ban | undefined> {
    const decision = await this.counters.hitWindow(`strike:${subject}`, { limit: UNBOUNDED, windowMs: this.config.strikeWindow });
    const count = UNBOUNDED - decision.remaining;
    let step: (typeof this.ladder)[number] | undefined;
    for (const s of this.ladder) if (count >= s.strikes) step = s;
    if (!step || this.bans.check(subject)) return undefined;
    return this.bans.ban(subject, step.ban, { reason: `${count} strikes: ${reason}`, strikes: count });
  }
}
