// SPDX-License-Identifier: Apache-2.0

/** Kinds of characters that change what a model reads without changing what a person sees. */
export type HiddenKind = 'tag' | 'zero-width' | 'bidi' | 'variation-selector' | 'control' | 'soft-hyphen' | 'combining';

/**
 * @returns the hidden kind of a code point, or undefined for a visible one. Tag characters
 * (U+E0000-E007F, Unicode 15 chapter 23.9) spell ASCII invisibly; bidi controls reorder what is
 * displayed (Trojan Source, CVE-2021-42574); zero-width characters split words so filters miss them.
 */
export function toHiddenKind(cp: number): HiddenKind | undefined {
  if (cp < 0x20) return cp === 9 || cp === 10 || cp === 13 ? undefined : 'control';
  if (cp < 0x7f) return undefined;
  if (cp <= 0x9f) return 'control';
  if (cp === 0xad) return 'soft-hyphen';
  if (cp === 0x34f || cp === 0x180e || (cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff) return 'zero-width';
  if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return 'zero-width';
  if (cp === 0x200e || cp === 0x200f || cp === 0x61c || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation-selector';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if (cp >= 0xfff9 && cp <= 0xfffb) return 'zero-width';
  return undefined;
}

/** Latin look-alikes from Cyrillic, Greek and others (Unicode TR39 confusables, the ones seen in attacks). */
const CONFUSABLES: ReadonlyMap<number, string> = new Map([
  ...Array.from('аеорсухіјѕԁԛԝһӏ').map((c, i) => [c.codePointAt(0) ?? 0, 'aeopcyxijsdqwhl'.charAt(i)] as const),
  ...Array.from('АВЕКМНОРСТХІЈЅ').map((c, i) => [c.codePointAt(0) ?? 0, 'ABEKMHOPCTXIJS'.charAt(i)] as const),
  ...Array.from('αοιενρτυχκ').map((c, i) => [c.codePointAt(0) ?? 0, 'aoievptuxk'.charAt(i)] as const),
  ...Array.from('ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ').map((c, i) => [c.codePointAt(0) ?? 0, 'ABEZHIKMNOPTYX'.charAt(i)] as const),
  [0x131, 'i'], [0x237, 'j'], [0x1d00, 'A'], [0x0261, 'g'], [0x01c0, 'l'], [0x2010, '-'], [0x2011, '-'],
  [0x2012, '-'], [0x2013, '-'], [0x2014, '-'], [0x2018, "'"], [0x2019, "'"], [0x201c, '"'], [0x201d, '"'],
]);

/** @returns the Latin letter a code point imitates, when it is a known confusable. */
export function toConfusable(cp: number): string | undefined {
  return CONFUSABLES.get(cp);
}
