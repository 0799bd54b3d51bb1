// SPDX-License-Identifier: Apache-2.0
import { createRequire } from 'node:module';

/** The package's own declarations use extensionless relative imports that NodeNext cannot follow. */
interface JinjaToken {
  readonly type: string;
  readonly value: string;
}
interface Jinja {
  readonly tokenize: (source: string) => JinjaToken[];
  readonly parse: (tokens: JinjaToken[]) => unknown;
}

/** Loaded on the first template, so scans without one never pay for it. */
let jinja: Jinja | undefined;
function loadJinja(): Jinja {
  jinja ??= createRequire(import.meta.url)('@huggingface/jinja') as Jinja;
  return jinja;
}
const tokenize = (source: string): JinjaToken[] => loadJinja().tokenize(source);
const parse = (tokens: JinjaToken[]): unknown => loadJinja().parse(tokens);

/** One shape in a template that only a sandbox escape needs. */
export interface TemplateHit {
  readonly kind: 'dunder' | 'escape-attribute' | 'escape-global' | 'import-name' | 'attr-filter' | 'dunder-string' | 'escaped-underscore' | 'import-statement';
  readonly name: string;
  readonly excerpt: string;
}

export interface TemplateDescription {
  readonly hits: readonly TemplateHit[];
  /** Why the parser was not used or failed; the text was then checked lexically only. */
  readonly unparsed?: string;
}

/** Real chat templates are a few kilobytes; tool-calling ones reach twenty. */
const MAX_TEMPLATE = 1024 * 1024;
/** Bracket and block nesting the recursive-descent parser is trusted with. */
const MAX_NESTING = 64;
/** AST nodes walked per template. */
const MAX_NODES = 1_000_000;

/** Attribute names with no use in a chat template but every use in a Jinja sandbox escape. */
const ESCAPE_ATTRIBUTES = new Set(['mro', 'func_globals', 'func_code', 'f_globals', 'f_locals', 'f_back', 'f_builtins', 'gi_frame', 'gi_code', 'cr_frame', 'ag_frame', 'co_code', 'tb_frame', 'tb_next', 'im_func', 'environment']);
/** Globals of Jinja (cycler, joiner, lipsum) and Flask that lead to `__globals__`, and Python entry points. */
const ESCAPE_GLOBALS = new Set(['cycler', 'joiner', 'lipsum', 'self', 'config', 'request', 'url_for', 'get_flashed_messages', 'builtins', 'os', 'sys', 'subprocess', 'importlib', 'eval', 'exec', 'compile', 'open', 'getattr', 'setattr', 'globals', 'locals', 'vars', 'dir']);
/** Attribute names that import or run something. */
const IMPORT_NAMES = new Set(['popen', 'system', 'import_module', 'load_module', 'eval', 'exec', 'subprocess', 'os', 'builtins', 'getattr', 'spawn', 'check_output', 'execv', 'execve', 'load_source']);

const DUNDER_TEXT = /(^|[^_])__[A-Za-z]|[A-Za-z]__($|[^_])/;
const ESCAPED_UNDERSCORE = /\\(x5f|u005f|U0000005f|137|N\{LOW LINE\})/i;
const IMPORT_STATEMENT = /\{%-?\s*(import|from|include|extends)\b/;

type Node = Record<string, unknown> & { type?: unknown };

function toExcerpt(source: string, name: string): string {
  const at = Math.max(0, source.indexOf(name));
  const start = Math.max(0, at - 40);
  const text = source.slice(start, at + name.length + 40).replace(/\s+/g, ' ');
  return `${start > 0 ? '...' : ''}${text}${at + name.length + 40 < source.length ? '...' : ''}`;
}

function classifyAttribute(name: string): TemplateHit['kind'] | undefined {
  if (name.includes('__')) return 'dunder';
  if (ESCAPE_ATTRIBUTES.has(name)) return 'escape-attribute';
  if (IMPORT_NAMES.has(name)) return 'import-name';
  return undefined;
}

/** Names a template binds itself (loop variables, set, macros and their arguments) are not globals. */
function collectBound(node: Node, bound: Set<string>): void {
  const add = (n: unknown): void => {
    const v = n as Node | undefined;
    if (v?.type === 'Identifier' && typeof v['value'] === 'string') bound.add(v['value']);
    if (v?.type === 'TupleLiteral' && Array.isArray(v['value'])) for (const item of v['value']) add(item);
    if (v?.type === 'KeywordArgumentExpression') add(v['key']);
  };
  if (node.type === 'For') add(node['loopvar']);
  if (node.type === 'Set' || node.type === 'SetStatement') add(node['assignee']);
  if (node.type === 'Macro') {
    add(node['name']);
    if (Array.isArray(node['args'])) for (const a of node['args']) add(a);
  }
}

function toChildren(node: Node): unknown[] {
  const out: unknown[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    else if (value instanceof Map) for (const [k, v] of value) out.push(k, v);
    else if (typeof value === 'object' && value !== null) out.push(value);
  }
  return out;
}

function listNodes(root: unknown): Node[] {
  const nodes: Node[] = [];
  const stack: unknown[] = [root];
  while (stack.length && nodes.length < MAX_NODES) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    const node = value as Node;
    nodes.push(node);
    stack.push(...toChildren(node));
  }
  return nodes;
}

function inspectNode(node: Node, bound: ReadonlySet<string>): { kind: TemplateHit['kind']; name: string } | undefined {
  const value = node['value'];
  if (node.type === 'MemberExpression') {
    const property = node['property'] as Node | undefined;
    const name = property?.['value'];
    if (typeof name !== 'string' || (node['computed'] === true && property?.type !== 'StringLiteral')) return undefined;
    const kind = classifyAttribute(name);
    return kind ? { kind, name } : undefined;
  }
  if (node.type === 'Identifier' && typeof value === 'string' && !bound.has(value)) {
    if (value.includes('__')) return { kind: 'dunder', name: value };
    if (ESCAPE_GLOBALS.has(value)) return { kind: 'escape-global', name: value };
  }
  if (node.type === 'StringLiteral' && typeof value === 'string' && DUNDER_TEXT.test(value)) return { kind: 'dunder-string', name: value };
  if (node.type === 'FilterExpression') {
    const filter = node['filter'] as Node | undefined;
    const callee = (filter?.type === 'CallExpression' ? filter['callee'] : filter) as Node | undefined;
    if (callee?.type === 'Identifier' && callee['value'] === 'attr') return { kind: 'attr-filter', name: 'attr' };
  }
  return undefined;
}

function toNesting(tokens: readonly JinjaToken[]): number {
  let depth = 0;
  let max = 0;
  for (const token of tokens) {
    if (token.type === 'OpenParen' || token.type === 'OpenSquareBracket' || token.type === 'OpenCurlyBracket') max = Math.max(max, ++depth);
    else if (token.type === 'CloseParen' || token.type === 'CloseSquareBracket' || token.type === 'CloseCurlyBracket') depth--;
    else if (token.type === 'UnaryOperator') max = Math.max(max, depth + 1);
  }
  return max;
}

/** Checks the raw text: escaped underscores and import statements mean the same whatever the parser. */
function scanLexically(source: string): TemplateHit[] {
  const hits: TemplateHit[] = [];
  const escaped = ESCAPED_UNDERSCORE.exec(source)?.[0];
  if (escaped) hits.push({ kind: 'escaped-underscore', name: escaped, excerpt: toExcerpt(source, escaped) });
  const statement = IMPORT_STATEMENT.exec(source)?.[0];
  if (statement) hits.push({ kind: 'import-statement', name: statement, excerpt: toExcerpt(source, statement) });
  return hits;
}

/** Without a parse, names are looked for in the text itself (over-reporting is the safe side). */
function scanNamesLexically(source: string): TemplateHit[] {
  const hits: TemplateHit[] = [];
  for (const match of source.matchAll(/\.?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = match[1] ?? '';
    const kind = name.includes('__') ? 'dunder' : match[0].startsWith('.') ? classifyAttribute(name) : undefined;
    if (kind) hits.push({ kind, name, excerpt: toExcerpt(source, name) });
    if (hits.length >= 16) break;
  }
  return hits;
}

function parseTemplate(source: string): { ast?: unknown; why?: string } {
  if (source.length > MAX_TEMPLATE) return { why: `template of ${source.length} characters is longer than ${MAX_TEMPLATE}` };
  try {
    const tokens = tokenize(source);
    const nesting = toNesting(tokens);
    if (nesting > MAX_NESTING) return { why: `template nests ${nesting} levels, more than ${MAX_NESTING}` };
    return { ast: parse(tokens) };
  } catch (error) {
    const message = error instanceof RangeError ? 'template nests too deeply to parse' : (error instanceof Error ? error.message : String(error)).toLowerCase();
    return { why: `template does not parse: ${message}` };
  }
}

/**
 * Parses a Jinja chat template with @huggingface/jinja's parser and walks the tree for what a
 * server-side template injection needs and a chat template never does: dunder attributes and
 * strings, `mro`/frame attributes, Jinja's and Flask's globals that lead to `__globals__`,
 * import-like names and the `attr` filter (CVE-2024-34359; the same root cause in vLLM and
 * SGLang). Escaped underscores and import statements are found in the raw text. A template the
 * parser refuses is checked lexically and says so.
 * @returns the hits, at most one per distinct name, and why the template was not parsed.
 */
export function describeTemplate(source: string): TemplateDescription {
  const hits = scanLexically(source);
  const { ast, why } = parseTemplate(source);
  if (ast === undefined) return { hits: [...hits, ...scanNamesLexically(source)], unparsed: why ?? 'template does not parse' };
  const nodes = listNodes(ast);
  const bound = new Set<string>();
  for (const node of nodes) collectBound(node, bound);
  const seen = new Set(hits.map((h) => h.name));
  for (const node of nodes) {
    const hit = inspectNode(node, bound);
    if (!hit || seen.has(hit.name)) continue;
    seen.add(hit.name);
    hits.push({ ...hit, excerpt: toExcerpt(source, hit.name) });
  }
  return { hits };
}
