// SPDX-License-Identifier: Apache-2.0
import type { ExpiringSet, Store } from '../../store/index.js';
import type { GatewayBus } from './gateway-bus.js';

/** A temporary ban on a subject: `key:<id>` or `ip:<address>`. */
export interface Ban {
  readonly subject: string;
  /** Epoch milliseconds when the ban ends. */
  readonly until: number;
  readonly reason: string;
  /** Strikes counted when the ban was issued (0 for a ban issued by hand). */
  readonly strikes: number;
  readonly createdAt: number;
}

interface BanRow {
  subject: string;
  until_ms: number | string;
  reason: string;
  strikes: number | string;
  created_ms: number | string;
  [column: string]: unknown;
}

/** Bans held in memory; past this the oldest is dropped from memory (it stays in the store). */
const MAX_LOCAL_BANS = 100_000;
/** Re-read the store this often, to catch a pub/sub message that never arrived (at most once delivery). */
const RESYNC_MS = 5_000;

function toBan(row: BanRow): Ban {
  // PostgreSQL BIGINT may arrive as a string; SQLite gives numbers.
  return { subject: row.subject, until: Number(row.until_ms), reason: row.reason, strikes: Number(row.strikes), createdAt: Number(row.created_ms) };
}

/**
 * Bans, checked on every request from memory (no round trip), written to the store (so they
 * survive restarts and every replica can list them), mirrored into the shared expiring set and
 * announced on the bus so every replica holds them within a second.
 */
export class BanList {
  private readonly local = new Map<string, Ban>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store, private readonly set: ExpiringSet, private readonly bus: GatewayBus) {}

  /** Loads active bans, listens for other replicas' bans and starts the periodic resync. */
  async start(): Promise<void> {
    this.bus.onBan((ban) => { this.remember(ban); });
    this.bus.onLift((subject) => { this.local.delete(subject); });
    await this.resync();
    this.timer = setInterval(() => { void this.resync().catch(() => undefined); }, RESYNC_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** @returns the active ban on `subject`, if any. Synchronous: it runs on every request. */
  check(subject: string, now = Date.now()): Ban | undefined {
    const ban = this.local.get(subject);
    if (!ban) return undefined;
    if (ban.until > now) return ban;
    this.local.delete(subject);
    return undefined;
  }

  /** Bans `subject` for `ms` everywhere. @returns the ban. */
  async ban(subject: string, ms: number, details: { reason: string; strikes: number }): Promise<Ban> {
    const now = Date.now();
    const ban: Ban = { subject, until: now + ms, reason: details.reason.slice(0, 500), strikes: details.strikes, createdAt: now };
    this.remember(ban);
    await this.store.run(
      'INSERT INTO gateway_bans (subject, until_ms, reason, strikes, created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject) DO UPDATE SET until_ms = excluded.until_ms, reason = excluded.reason, strikes = excluded.strikes, created_ms = excluded.created_ms',
      [ban.subject, ban.until, ban.reason, ban.strikes, ban.createdAt],
    );
    await this.set.add(subject, ms);
    await this.bus.publishBan(ban);
    return ban;
  }

  /** Lifts a ban everywhere. @returns false when there was none. */
  async lift(subject: string): Promise<boolean> {
    const had = this.check(subject) !== undefined;
    this.local.delete(subject);
    const { changes } = await this.store.run('DELETE FROM gateway_bans WHERE subject = ? AND until_ms > ?', [subject, Date.now()]);
    await this.set.remove(subject);
    await this.bus.publishLift(subject);
    return had || changes > 0;
  }

  /** @returns every active ban in the store (all replicas'), soonest to end first. */
  async list(): Promise<Ban[]> {
    const rows = await this.store.all<BanRow>('SELECT subject, until_ms, reason, strikes, created_ms FROM gateway_bans WHERE until_ms > ? ORDER BY until_ms', [Date.now()]);
    return rows.map(toBan);
  }

  /** @returns how many bans this replica enforces now. */
  count(): number {
    return this.local.size;
  }

  private remember(ban: Ban): void {
    if (!this.local.has(ban.subject) && this.local.size >= MAX_LOCAL_BANS) this.local.delete(this.local.keys().next().value ?? '');
    this.local.set(ban.subject, ban);
  }

  private async resync(): Promise<void> {
    const now = Date.now();
    const active = await this.list();
    const seen = new Set(active.map((b) => b.subject));
    for (const ban of active) this.remember(ban);
    // A ban issued here after the query began is not in `active` yet; only older ones were lifted.
    for (const [subject, ban] of this.local) if ((!seen.has(subject) && ban.createdAt < now) || ban.until <= now) this.local.delete(subject);
    await this.store.run('DELETE FROM gateway_bans WHERE until_ms <= ?', [now - 86_400_000]);
  }
}
