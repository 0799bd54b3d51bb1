// SPDX-License-Identifier: Apache-2.0

/** Lone UTF-16 surrogates have no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** @returns true when `text` holds an ASCII control character (below U+0020, or DEL) other than `allowed`. */
export function hasControlCharacter(text: string, allowed = ''): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(text.charAt(i))) return true;
  }
  return false;
}

/** @returns true when `text` holds a lone surrogate, so it cannot be encoded as UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
