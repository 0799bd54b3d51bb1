// SPDX-License-Identifier: Apache-2.0

/** Subjects tracked at once; the oldest are forgotten past this. */
const MAX_SUBJECTS = 10_000;

/**
 * Notices bursts of blocked requests from one subject in this replica: true once when `threshold`
 * blocks fall within `windowMs`, then quiet until the window has passed, so a flood makes one alert.
 */
export class BurstDetector {
  private readonly hits = new Map<string, { times: number[]; quietUntil: number }>();

  constructor(private readonly threshold: number, private readonly windowMs: number) {}

  /** Records one block. @returns true when it completes a burst worth an alert. */
  record(subject: string, now = Date.now()): boolean {
    let entry = this.hits.get(subject);
    if (!entry) {
      if (this.hits.size >= MAX_SUBJECTS) this.hits.delete(this.hits.keys().next().value ?? '');
      entry = { times: [], quietUntil: 0 };
      this.hits.set(subject, entry);
    }
    entry.times.push(now);
    while (entry.times.length && (entry.times[0] ?? 0) <= now - this.windowMs) entry.times.shift();
    if (entry.times.length > this.threshold) entry.times.splice(0, entry.times.length - this.threshold);
    if (entry.times.length < this.threshold || now < entry.quietUntil) return false;
    entry.quietUntil = now + this.windowMs;
    return true;
  }
}
