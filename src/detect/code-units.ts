// SPDX-License-Identifier: Apache-2.0
/**
 * The UTF-16 code units of a string, in a typed array reused from call to call. charCodeAt in a hot
 * loop checks the string's representation (sliced, flat, one or two bytes per character) on every
 * character; one native copy up front, then plain array reads, costs less on any text of more than
 * a few words.
 */
let bytes = Buffer.allocUnsafeSlow(16384);
let units = new Uint16Array(bytes.buffer, 0, 8192);

/** The text whose units the array holds: normalisation, the classifier and a leak rule read the same prompt in turn. */
let held = '';

/**
 * @returns a shared array whose first `text.length` elements are the code units of `text`; valid
 * until a call with another text.
 */
export function toCodeUnits(text: string): Uint16Array {
  if (text === held) return units;
  if (text.length > units.length) {
    bytes = Buffer.allocUnsafeSlow(text.length * 2);
    units = new Uint16Array(bytes.buffer, 0, text.length);
  }
  bytes.write(text, 0, 'utf16le');
  held = text;
  return units;
}
