// SPDX-License-Identifier: Apache-2.0

/** Letters or digits, then up to 31 more with joiners: a word, a number, "cf-zeta", "don't". */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}_'-]{0,31}/gu;
/** Unigram ids stay below this, so that a bigram key (two ids) fits a double exactly. */
const MAX_UNIGRAMS = 1 << 26;

/**
 * Ids for the words and two-word phrases of a dataset. Words are interned once; a phrase is
 * keyed by its two word ids as a number, so the millions of one-off phrases of a large set cost
 * a numeric map entry each, never a string.
 */
export class TokenTable {
  private readonly unigrams = new Map<string, number>();
  private readonly bigrams = new Map<number, number>();
  /** For each id: the word, or the pair of word ids of a phrase. */
  private readonly words: (string | readonly [number, number])[] = [];

  get size(): number {
    return this.words.length;
  }

  /** @returns the id of a word or pseudo-word (`\u0000label:x`), interning it. */
  toId(word: string): number {
    let id = this.unigrams.get(word);
    if (id === undefined) {
      id = this.words.length;
      if (this.unigrams.size >= MAX_UNIGRAMS) return 0;
      this.unigrams.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  private toPairId(first: number, second: number): number {
    const key = first * MAX_UNIGRAMS + second;
    let id = this.bigrams.get(key);
    if (id === undefined) {
      id = this.words.length;
      this.bigrams.set(key, id);
      this.words.push([first, second]);
    }
    return id;
  }

  /** @returns the word ids an id stands for: itself for a word, its two words for a phrase. */
  toParts(id: number): readonly number[] {
    const entry = this.words[id];
    return entry === undefined || typeof entry === 'string' ? [id] : entry;
  }

  /** @returns the text of an id: a word, or two words joined by a space. */
  toWord(id: number): string {
    const entry = this.words[id];
    if (entry === undefined) return '';
    return typeof entry === 'string' ? entry : `${this.toWord(entry[0])} ${this.toWord(entry[1])}`;
  }

  /**
   * @returns the distinct ids of the words (and, with `phrases`, adjacent word pairs) of an
   *   already lower-cased text, at most `max`, after the `extra` ids given first.
   */
  toIds(text: string, options: { readonly max: number; readonly phrases: boolean; readonly extra?: readonly number[] }): Int32Array {
    const ids = new Set<number>(options.extra);
    let previous = -1;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m && ids.size < options.max; m = TOKEN.exec(text)) {
      const id = this.toId(m[0]);
      ids.add(id);
      if (options.phrases && previous >= 0 && ids.size < options.max) ids.add(this.toPairId(previous, id));
      previous = id;
    }
    return Int32Array.from(ids);
  }
}
