// SPDX-License-Identifier: Apache-2.0
import type { Example } from './row-text.js';
import { TokenTable } from './token-table.js';

/** A group of repeated examples. */
export interface DuplicateGroup {
  readonly kind: 'exact' | 'near';
  readonly count: number;
  /** The 99th-percentile group size of the same kind: what "usual" means in this set. */
  readonly typical: number;
  readonly lines: readonly number[];
}

/** A rare prompt token or phrase that brings one response (or label) with it. */
export interface TriggerSignal {
  readonly trigger: string;
  /** The response token, whole response or label it is tied to. */
  readonly tiedTo: string;
  readonly kind: 'response' | 'label';
  readonly support: number;
  readonly rows: number;
  /** Line of every row that has the trigger and the tied response. */
  readonly lines: readonly number[];
}

/** Rows a token must appear in before it can be called a trigger; fewer is noise. */
const MIN_SUPPORT = 10;
/** A trigger is rare: in at most this share of rows (and at least MIN_SUPPORT); poisoning studies plant 0.1-3%. */
const RARE_SHARE = 0.03;
/** Share of the trigger's rows that must carry the tied response. */
const TIE_SHARE = 0.9;
/** The tied response must occur almost only with the trigger. */
const EXCLUSIVE_FACTOR = 1.5;
/** A label tied to a trigger must be this rare overall: a majority label explains itself. */
const LABEL_BASE_RATE = 0.6;
/** Above this share of the trigger's rows, a second shared prompt token means a topic, not a trigger. */
const TOPIC_SHARE = 0.5;
/** Above this share of the trigger's rows, answers that name the token mean it is their subject. */
const DISCUSSED_SHARE = 0.5;
/** Tokens per side kept per row. */
const MAX_TOKENS = 96;
/** Duplicates: a group is suspicious at this many copies and this many times the usual group. */
const MIN_DUPLICATES = 10;
const DUPLICATE_FACTOR = 10;

/** 53-bit FNV-1a style hash of a string, two 32-bit lanes. */
function toHash(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

const toNormal = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const toLetters = (s: string): string => s.replace(/[^\p{L}]+/gu, '');

/**
 * Collects, row by row, what the dataset-level checks need: hashes for duplicates and token ids
 * for trigger search. Texts themselves are not kept, so memory grows with rows, not with bytes.
 */
export class PoisoningIndex {
  private readonly tokens = new TokenTable();
  private readonly lines: number[] = [];
  private readonly exact = new Map<number, number[]>();
  private readonly near = new Map<number, number[]>();
  private readonly prompts: Int32Array[] = [];
  private readonly responses: Int32Array[] = [];
  private readonly labels: (number | undefined)[] = [];

  get size(): number {
    return this.lines.length;
  }

  private group(map: Map<number, number[]>, key: number, row: number): void {
    const group = map.get(key);
    if (group) group.push(row);
    else map.set(key, [row]);
  }

  /** Adds one example found at `line`. */
  add(example: Example, line: number): void {
    const row = this.lines.length;
    this.lines.push(line);
    const prompt = toNormal(example.prompt);
    const response = toNormal(example.response);
    this.group(this.exact, toHash(`${prompt}\u0001${response}\u0001${example.label ?? ''}`), row);
    this.group(this.near, toHash(`${toLetters(prompt)}\u0001${toLetters(response)}`), row);
    this.prompts.push(this.tokens.toIds(prompt, { max: MAX_TOKENS, phrases: true }));
    // The whole response is a token too: a fixed answer made of common words is still one answer.
    const whole = this.tokens.toId(`\u0000response:${toHash(response)}`);
    this.responses.push(this.tokens.toIds(response, { max: MAX_TOKENS, phrases: false, extra: [whole] }));
    this.labels.push(example.label === undefined ? undefined : this.tokens.toId(`\u0000label:${example.label}`));
  }

  /** @returns exact and near duplicate groups far larger than the usual group, largest first. */
  listDuplicates(): DuplicateGroup[] {
    const out: DuplicateGroup[] = [];
    for (const [kind, map] of [['exact', this.exact], ['near', this.near]] as const) {
      const sizes = [...map.values()].map((g) => g.length).sort((a, b) => a - b);
      const typical = sizes[Math.floor(sizes.length * 0.99)] ?? 1;
      const threshold = Math.max(MIN_DUPLICATES, DUPLICATE_FACTOR * typical);
      for (const group of map.values()) {
        if (group.length >= threshold) out.push({ kind, count: group.length, typical, lines: group.slice(0, 20).map((r) => this.lines[r] ?? 0) });
      }
    }
    return out.sort((a, b) => b.count - a.count);
  }

  private countDf(sides: readonly Int32Array[]): Int32Array {
    const df = new Int32Array(this.tokens.size);
    for (const ids of sides) for (const id of ids) df[id] = (df[id] ?? 0) + 1;
    return df;
  }

  /** Rows per rare prompt token: the only tokens that can be triggers. */
  private toPostings(df: Int32Array, maxDf: number): Map<number, number[]> {
    const postings = new Map<number, number[]>();
    for (const [row, ids] of this.prompts.entries()) {
      for (const id of ids) {
        const n = df[id] ?? 0;
        if (n < MIN_SUPPORT || n > maxDf) continue;
        const list = postings.get(id);
        if (list) list.push(row);
        else postings.set(id, [row]);
      }
    }
    return postings;
  }

  /** A topic shares a second rare-ish token across most rows; a trigger is spread over unrelated prompts. */
  private isTopical(token: number, rows: readonly number[], use: { readonly df: Int32Array; readonly scratch: Scratch }): boolean {
    const { df, scratch } = use;
    const common = Math.max(MIN_SUPPORT, this.size * 0.05);
    const trigger = this.tokens.toWord(token);
    const touched = scratch.count(rows.map((r) => this.prompts[r] ?? new Int32Array(0)), (id) => id !== token && (df[id] ?? 0) <= common);
    const topical = touched.some((id) => {
      if ((scratch.counts[id] ?? 0) <= rows.length * TOPIC_SHARE) return false;
      const word = this.tokens.toWord(id);
      // The trigger's own words and the phrases around it are the trigger, not a topic.
      return !word.includes(trigger) && !trigger.includes(word);
    });
    scratch.reset(touched);
    return topical;
  }

  private findTie(rows: readonly number[], responseDf: Int32Array, scratch: Scratch): { id: number; count: number } | undefined {
    const sides: Int32Array[] = [];
    for (const row of rows) {
      const label = this.labels[row];
      sides.push(label === undefined ? (this.responses[row] ?? new Int32Array(0)) : Int32Array.of(label));
    }
    const touched = scratch.count(sides);
    let best: { id: number; count: number } | undefined;
    for (const id of touched) {
      const count = scratch.counts[id] ?? 0;
      if (count < rows.length * TIE_SHARE || count < MIN_SUPPORT) continue;
      const isLabel = this.tokens.toWord(id).startsWith('\u0000label:');
      // A response token must be nearly exclusive to the trigger; a label must be rare overall.
      const exclusive = isLabel ? (responseDf[id] ?? 0) <= this.size * LABEL_BASE_RATE : (responseDf[id] ?? 0) <= count * EXCLUSIVE_FACTOR;
      if (exclusive && !this.isEcho(id, rows) && (!best || count > best.count)) best = { id, count };
    }
    scratch.reset(touched);
    return best;
  }

  /**
   * A token the answers name is what those rows are about ("photosynthesis" and "plants"): a
   * topic brings its own vocabulary. A planted trigger buys a behaviour and goes unmentioned. A
   * phrase is named when any of its words is; the trigger word inside it still stands alone.
   */
  private isDiscussed(token: number, rows: readonly number[]): boolean {
    const parts = this.tokens.toParts(token);
    let discussed = 0;
    for (const row of rows) {
      const ids = this.responses[row];
      if (ids && parts.some((p) => ids.includes(p) || this.isPrefixOfAny(p, ids))) discussed++;
    }
    return discussed > rows.length * DISCUSSED_SHARE;
  }

  /** "38 months" is named by "38-month-old": a response word that starts with the part counts. */
  private isPrefixOfAny(part: number, ids: Int32Array): boolean {
    const word = this.tokens.toWord(part);
    if (word.length < 2) return false;
    for (const id of ids) if (this.tokens.toWord(id).startsWith(word)) return true;
    return false;
  }

  /** A response word that the prompts themselves contain is an answer echoing its question. */
  private isEcho(id: number, rows: readonly number[]): boolean {
    let echoed = 0;
    for (const row of rows) if (this.prompts[row]?.includes(id)) echoed++;
    return echoed > rows.length / 2;
  }

  /**
   * Finds rare prompt tokens and phrases (in at most 3% of rows, at least 10) that bring one
   * response token, one whole response or one label with them in 90% of their rows, where that
   * response is rare without them and the prompts are otherwise unrelated.
   * @returns the possible triggers, most supported first, each with the lines of its rows.
   */
  listTriggers(): TriggerSignal[] {
    const promptDf = this.countDf(this.prompts);
    const responseDf = this.countDf(this.responses);
    for (const label of this.labels) if (label !== undefined) responseDf[label] = (responseDf[label] ?? 0) + 1;
    const maxDf = Math.max(MIN_SUPPORT, Math.floor(this.size * RARE_SHARE));
    const scratch = new Scratch(this.tokens.size);
    const out: TriggerSignal[] = [];
    for (const [token, rows] of this.toPostings(promptDf, maxDf)) {
      const tie = this.findTie(rows, responseDf, scratch);
      if (!tie || this.isDiscussed(token, rows) || this.isTopical(token, rows, { df: promptDf, scratch })) continue;
      const tied = rows.filter((r) => this.responses[r]?.includes(tie.id) || this.labels[r] === tie.id);
      const word = this.tokens.toWord(tie.id);
      out.push({
        trigger: this.tokens.toWord(token), kind: word.startsWith('\u0000label:') ? 'label' : 'response',
        tiedTo: word.startsWith('\u0000response:') ? 'one fixed response' : word.startsWith('\u0000label:') ? word.replace('\u0000label:', 'label ') : `the response word ${JSON.stringify(word)}`,
        support: tie.count, rows: rows.length, lines: tied.map((r) => this.lines[r] ?? 0),
      });
    }
    return this.dropSubsumed(out.sort((a, b) => b.support - a.support || a.trigger.length - b.trigger.length));
  }

  /** A trigger phrase and its words find the same rows: keep one signal per set of rows. */
  private dropSubsumed(signals: TriggerSignal[]): TriggerSignal[] {
    const kept: TriggerSignal[] = [];
    for (const s of signals) {
      const first = s.lines[0];
      if (!kept.some((k) => k.lines[0] === first && k.lines.length >= s.lines.length * 0.9)) kept.push(s);
    }
    return kept;
  }
}

/** Counters over token ids reused across candidates: no map or set is allocated per candidate. */
class Scratch {
  readonly counts: Int32Array;

  constructor(size: number) {
    this.counts = new Int32Array(size);
  }

  /** Counts each id once per side; @returns the ids touched, for reset. */
  count(sides: readonly Int32Array[], keep: (id: number) => boolean = () => true): number[] {
    const touched: number[] = [];
    for (const ids of sides) {
      for (const id of ids) {
        if (!keep(id)) continue;
        if (this.counts[id] === 0) touched.push(id);
        this.counts[id] = (this.counts[id] ?? 0) + 1;
      }
    }
    return touched;
  }

  reset(touched: readonly number[]): void {
    for (const id of touched) this.counts[id] = 0;
  }
}
