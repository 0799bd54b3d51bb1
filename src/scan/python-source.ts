// SPDX-License-Identifier: Apache-2.0
import { ScanError } from './errors.js';

/** A name the source imports or calls, resolved through its import aliases. */
export interface PythonUse {
  /** Fully qualified as far as the imports tell: `os.system`, `subprocess.run`, `builtins.eval`. */
  readonly qualified: string;
  readonly kind: 'import' | 'call';
  readonly line: number;
  /** The first string argument of a call, when it is a literal: what a command would run. */
  readonly firstArg?: string;
}

/** Tokens read per file; a 100 kB modeling file has about 20,000. */
const MAX_TOKENS = 5_000_000;
const BUILTINS = new Set(['eval', 'exec', 'compile', '__import__', 'open', 'execfile', 'input', 'breakpoint']);

interface Token {
  readonly kind: 'name' | 'string' | 'op' | 'newline';
  readonly text: string;
  readonly line: number;
}

/**
 * Python's lexical grammar, enough to tell names from strings and comments (Python Language
 * Reference, 2.3 and 2.4): string prefixes, triple quotes spanning lines, backslash escapes.
 */
const TOKEN = /(#[^\n]*)|((?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?(?:'''|$)|"""[\s\S]*?(?:"""|$)|'(?:\\[\s\S]|[^'\\\n])*'?|"(?:\\[\s\S]|[^"\\\n])*"?))|([A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*)|(\n)|([().,=*;:[\]{}@+\-/%<>!|&^~]|\\\n)|([ \t\r\f]+|.)/gy;

function toTokens(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m && m[0].length > 0; m = TOKEN.exec(source)) {
    const [text, comment, str, name, newline, op] = m;
    if (str !== undefined) tokens.push({ kind: 'string', text: str, line });
    else if (name !== undefined) tokens.push({ kind: 'name', text: name, line });
    else if (newline !== undefined) tokens.push({ kind: 'newline', text: '\n', line });
    else if (op !== undefined && op !== '\\\n') tokens.push({ kind: 'op', text: op, line });
    else if (comment === undefined && text.trim()) tokens.push({ kind: 'op', text, line });
    for (const ch of text) if (ch === '\n') line++;
    if (tokens.length > MAX_TOKENS) throw new ScanError('SCAN_LIMIT', `python source has more than ${MAX_TOKENS} tokens`);
  }
  return tokens;
}

/** @returns the literal value of a simple string token (prefixes stripped, no escapes decoded). */
function toLiteral(token: Token | undefined): string | undefined {
  if (token?.kind !== 'string') return undefined;
  const body = token.text.replace(/^[rRbBuUfF]{0,2}/, '');
  const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
  return body.slice(quote, body.length - quote);
}

/** Reads `a.b.c` from `i`; @returns the dotted name and the index after it. */
function readDotted(tokens: readonly Token[], i: number): { name: string; next: number } {
  let name = tokens[i]?.text ?? '';
  let j = i + 1;
  while (tokens[j]?.text === '.' && tokens[j + 1]?.kind === 'name') {
    name += `.${tokens[j + 1]?.text ?? ''}`;
    j += 2;
  }
  return { name, next: j };
}

/** `import a.b as c, d` and `from a.b import (c as d, e)`: records aliases and import uses. */
interface ImportState {
  readonly aliases: Map<string, string>;
  readonly uses: PythonUse[];
}

function readImport(tokens: readonly Token[], i: number, state: ImportState): number {
  const { aliases, uses } = state;
  const line = tokens[i]?.line ?? 0;
  if (tokens[i]?.text === 'import') {
    let j = i + 1;
    while (tokens[j]?.kind === 'name') {
      const { name, next } = readDotted(tokens, j);
      j = next;
      const alias = tokens[j]?.text === 'as' ? tokens[j + 1]?.text : undefined;
      if (alias) j += 2;
      aliases.set(alias ?? (name.split('.')[0] as string), alias ? name : (name.split('.')[0] as string));
      uses.push({ qualified: name, kind: 'import', line });
      if (tokens[j]?.text !== ',') break;
      j++;
    }
    return j;
  }
  let j = i + 1;
  while (tokens[j]?.text === '.') j++;
  const { name: module, next } = tokens[j]?.kind === 'name' && tokens[j]?.text !== 'import' ? readDotted(tokens, j) : { name: '', next: j };
  j = next;
  if (tokens[j]?.text !== 'import') return j;
  j++;
  // A parenthesised list may span lines (PEP 328); a bare one ends at the newline.
  const closing = tokens[j]?.text === '(' ? ')' : undefined;
  while (j < tokens.length && (closing ? tokens[j]?.text !== closing : tokens[j]?.kind !== 'newline')) {
    const t = tokens[j];
    if (t?.kind === 'name' && t.text !== 'as') {
      const alias = tokens[j + 1]?.text === 'as' ? tokens[j + 2]?.text : undefined;
      const qualified = module ? `${module}.${t.text}` : t.text;
      if (module) aliases.set(alias ?? t.text, qualified);
      uses.push({ qualified, kind: 'import', line });
      j += alias ? 3 : 1;
    } else j++;
  }
  return j;
}

/** A call `x.y.z(...)`: resolved when `x` is an import alias or a builtin used bare. */
function readCall(tokens: readonly Token[], i: number, aliases: ReadonlyMap<string, string>): { use?: PythonUse; next: number } {
  const previous = tokens[i - 1];
  const { name, next } = readDotted(tokens, i);
  if (tokens[next]?.text !== '(' || previous?.text === '.' || previous?.text === 'def' || previous?.text === 'class') return { next };
  const [head = '', ...rest] = name.split('.');
  const base = aliases.get(head) ?? (rest.length === 0 && BUILTINS.has(head) ? `builtins.${head}` : undefined);
  if (base === undefined) return { next };
  const qualified = [base, ...rest].join('.');
  const firstArg = toLiteral(tokens[next + 1]);
  return { use: { qualified, kind: 'call', line: tokens[i]?.line ?? 0, ...(firstArg === undefined ? {} : { firstArg }) }, next };
}

/**
 * Lists what a Python file imports and which imported or builtin callables it calls, without
 * running or importing anything. Names bound by assignment are not followed: this is a reading
 * of the text, meant to show what remote code does, not a proof of what it cannot do.
 * @throws ScanError SCAN_LIMIT for sources of more than five million tokens.
 * @returns imports and resolved calls in source order.
 */
export function listPythonUses(source: string): PythonUse[] {
  const tokens = toTokens(source);
  const aliases = new Map<string, string>();
  const uses: PythonUse[] = [];
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i] as Token;
    const atStatement = i === 0 || tokens[i - 1]?.kind === 'newline' || tokens[i - 1]?.text === ';' || tokens[i - 1]?.text === ':';
    if (t.kind === 'name' && atStatement && (t.text === 'import' || t.text === 'from')) {
      i = Math.max(i + 1, readImport(tokens, i, { aliases, uses }));
    } else if (t.kind === 'name') {
      const { use, next } = readCall(tokens, i, aliases);
      if (use) uses.push(use);
      i = Math.max(i + 1, next);
    } else i++;
  }
  return uses;
}
