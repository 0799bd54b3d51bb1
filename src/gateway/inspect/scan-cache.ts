// SPDX-License-Identifier: Apache-2.0

export interface ScanCacheOptions {
  /** Texts held at most, over both generations. */
  readonly maxEntries: number;
  /** Sum of held text lengths at most (UTF-16 code units), over both generations. */
  readonly maxChars: number;
}

type Generation<V> = Map<string, Map<string, V>>;

/**
 * A bounded cache of per-scope text results with two generations instead of a strict LRU: new
 * entries go to the young one; when it is full it becomes the old one and the previous old one
 * is dropped whole; a hit in the old generation is copied to the young one, so texts in steady
 * use survive every turnover. A Map used as an LRU (delete and re-insert on every hit) is rehashed
 * over and over once it sits at its bound, which cost more than the lookup saved; this never
 * deletes a single entry. Scopes get their own inner maps, so no lookup builds a combined key
 * string and no scope can hit another's entries.
 */
export class ScanCache<V> {
  private young: Generation<V> = new Map();
  private old: Generation<V> = new Map();
  private youngEntries = 0;
  private youngChars = 0;

  constructor(private readonly options: ScanCacheOptions) {}

  /** @returns the value remembered for `text` under `scope`, or undefined. */
  get(scope: string, text: string): V | undefined {
    const young = this.young.get(scope)?.get(text);
    if (young !== undefined) return young;
    const old = this.old.get(scope)?.get(text);
    if (old !== undefined) this.set(scope, text, old);
    return old;
  }

  /** Remembers `value` for `text` under `scope`, turning the generations over when the young one is full. */
  set(scope: string, text: string, value: V): void {
    if (text.length > this.options.maxChars / 2) return;
    if (this.youngEntries >= this.options.maxEntries / 2 || this.youngChars + text.length > this.options.maxChars / 2) this.turnOver();
    let texts = this.young.get(scope);
    if (!texts) {
      texts = new Map();
      this.young.set(scope, texts);
    }
    if (!texts.has(text)) {
      this.youngEntries += 1;
      this.youngChars += text.length;
    }
    texts.set(text, value);
  }

  /** @returns how many texts are held, both generations counted. */
  size(): number {
    let n = 0;
    for (const generation of [this.young, this.old]) for (const texts of generation.values()) n += texts.size;
    return n;
  }

  private turnOver(): void {
    this.old = this.young;
    this.young = new Map();
    this.youngEntries = 0;
    this.youngChars = 0;
  }
}
