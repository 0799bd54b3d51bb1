// SPDX-License-Identifier: Apache-2.0
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isCitadelError, toMessage } from '../../core/index.js';
import {
  LedgerError, openLedger, openSigner, toLeafHash, type ExportRecord, type Ledger, type VerifyOptions, type VerifyReport,
} from '../../ledger/index.js';
import { DEFAULT_STORE_URL, openStore, type Store } from '../../store/index.js';
import { VERBS } from './verbs.js';

const DEFAULT_ORIGIN = 'citadel.local/ledger';
/** Entries per transaction when appending a file: large batches, one checkpoint each. */
const APPEND_BATCH = 10_000;
/** Longest JSONL line accepted: one entry is at most 1 MiB of canonical JSON. */
const MAX_LINE_CHARS = 2 * 1024 * 1024;
/** Exit status when verification finds tampering, distinct from 2 (usage or I/O error). */
const EXIT_TAMPERED = 1;

interface LedgerFlags {
  readonly db: string;
  readonly origin: string;
  readonly keyDir?: string;
  readonly schema?: string;
}

/** The signing key lives in the data directory: beside a SQLite file, else in `.citadel`. */
function toKeyDir(flags: LedgerFlags): string {
  if (flags.keyDir !== undefined) return flags.keyDir;
  return flags.db.startsWith('sqlite:') && !flags.db.endsWith(':memory:') ? dirname(flags.db.slice('sqlite:'.length)) : '.citadel';
}

async function withLedger(flags: LedgerFlags, use: (ledger: Ledger, verifierKey: string) => Promise<void>, recover = false): Promise<void> {
  const store: Store = await openStore(flags.db, { ...(flags.schema === undefined ? {} : { schema: flags.schema }), recover });
  try {
    const signer = await openSigner({ dir: toKeyDir(flags), name: flags.origin });
    await use(await openLedger({ store, signer, origin: flags.origin }), signer.verifierKey);
  } finally {
    await store.close();
  }
}

/** @returns lines of a file or stdin ('-'), refusing a line past MAX_LINE_CHARS. */
async function* readLines(path: string): AsyncGenerator<string> {
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.length > MAX_LINE_CHARS) throw new LedgerError('LEDGER_LIMIT', `expected lines of at most ${MAX_LINE_CHARS} characters, got ${line.length}`);
    yield line;
  }
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new LedgerError('LEDGER_ENTRY_INVALID', `expected json on line ${lineNumber}, got: ${toMessage(error)}`, { cause: error });
  }
}

async function appendFile(ledger: Ledger, path: string): Promise<{ first: number; count: number }> {
  let batch: unknown[] = [];
  let first = -1;
  let count = 0;
  let lineNumber = 0;
  const flush = async (): Promise<void> => {
    const results = await ledger.append(batch);
    if (first < 0 && results[0] !== undefined) first = results[0].index;
    count += results.length;
    batch = [];
  };
  for await (const line of readLines(path)) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    batch.push(parseLine(line, lineNumber));
    if (batch.length >= APPEND_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return { first, count };
}

/** An `--against` file is a checkpoint (signed note) or an earlier export (JSON lines). */
async function toAgainst(path: string | undefined): Promise<VerifyOptions> {
  if (path === undefined) return {};
  const file = await open(path);
  const head = await file.read(Buffer.alloc(1), 0, 1, 0).finally(() => file.close());
  if (head.buffer.toString('utf8', 0, head.bytesRead) !== '{') return { against: await readFile(path, 'utf8') };
  return { againstExport: (async function* records() {
    for await (const line of readLines(path)) if (line.trim() !== '') yield JSON.parse(line) as ExportRecord;
  })() };
}

function toVerifyText(report: VerifyReport): string {
  const extension = report.extends === undefined ? '' : `, extends the checkpoint of ${report.extends} entries`;
  return `ok: ${report.size} entries, root ${Buffer.from(report.rootHash).toString('base64')}, ${report.checkpoints} checkpoints consistent${extension}\n`;
}

async function runVerify(flags: LedgerFlags, against: string | undefined, recover: boolean): Promise<VerifyReport> {
  let report: VerifyReport | undefined;
  const options = await toAgainst(against);
  await withLedger(flags, async (log) => { report = await log.verify(options); }, recover);
  if (report === undefined) throw new LedgerError('LEDGER_TAMPERED', 'expected a verification report, got none', { index: 0 });
  return report;
}

/**
 * A damaged SQLite file (truncated, overwritten) is tampering too: its surviving part is read from a
 * private copy so the error can name the first entry that was lost.
 */
async function verifyLog(flags: LedgerFlags, against: string | undefined): Promise<void> {
  try {
    process.stdout.write(toVerifyText(await runVerify(flags, against, false)));
    return;
  } catch (error) {
    if (!isCitadelError(error, 'STORE_CORRUPT') || !flags.db.startsWith('sqlite:')) throw error;
  }
  let report: VerifyReport;
  try {
    report = await runVerify(flags, against, true);
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    throw new LedgerError('LEDGER_TAMPERED', `expected a readable database file, got a damaged one: ${toMessage(error)}`, { cause: error, index: 0 });
  }
  throw new LedgerError('LEDGER_TAMPERED', `expected an intact database file, got a damaged one whose ${report.size} entries still verify`, { index: report.size });
}

/** Tampering is a finding (exit 1) that names the first bad index, not a usage error (exit 2). */
function reportTampering(error: unknown): void {
  if (!(error instanceof LedgerError) || !['LEDGER_TAMPERED', 'LEDGER_INCONSISTENT', 'LEDGER_PROOF_INVALID'].includes(error.code)) throw error;
  const where = error.index === undefined ? '' : ` first bad index ${error.index}:`;
  process.stderr.write(`citadel: ${error.code}:${where} ${error.message}\n`);
  process.exitCode = EXIT_TAMPERED;
}

function toIndex(text: string, what: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text) || !Number.isSafeInteger(Number(text))) throw new LedgerError('LEDGER_USAGE', `expected ${what} to be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Hashes print as base64, the encoding of checkpoints and exports. */
function toProofJson(value: Record<string, unknown>): string {
  const toText = (v: unknown): unknown => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : Array.isArray(v) ? v.map(toText) : v);
  return `${JSON.stringify(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toText(v)])), null, 2)}\n`;
}

/** Every verb takes the same store flags, accepted after the verb as people type them. */
function addStoreFlags(command: Command): Command {
  return command
    .option('--db <url>', 'sqlite:PATH or postgres://…', DEFAULT_STORE_URL)
    .option('--origin <name>', 'log name, first line of every checkpoint', DEFAULT_ORIGIN)
    .option('--key-dir <dir>', 'directory of the ed25519 signing key (default: beside the sqlite file, else .citadel)')
    .option('--schema <name>', 'postgresql schema holding the tables');
}

function flagsOf(cmd: Command): LedgerFlags {
  return cmd.opts<LedgerFlags>();
}

function registerVerbs(parent: Command): void {
  const ledger = { command: (name: string): Command => addStoreFlags(parent.command(name)) };
  ledger.command('append').description('append the JSON entries of a JSONL file (one entry per line; - for stdin)')
    .requiredOption('--data <file>', 'JSONL file of entries')
    .action(async (options: { data: string }, cmd: Command) => {
      await withLedger(flagsOf(cmd), async (log) => {
        const { first, count } = await appendFile(log, options.data);
        process.stdout.write(count === 0 ? 'appended 0 entries\n' : `appended ${count} entries at ${first}..${first + count - 1}; size ${await log.size()}\n`);
      });
    });
  ledger.command('checkpoint').description('sign a checkpoint of the current tree and print it (C2SP signed note)')
    .action(async (_options: unknown, cmd: Command) => {
      await withLedger(flagsOf(cmd), async (log) => { process.stdout.write((await log.checkpoint()).text); });
    });
  ledger.command('prove').description('print an inclusion proof (--index) or a consistency proof (--from) as JSON')
    .option('--index <n>', 'entry to prove included').option('--from <m>', 'earlier size to prove consistent with')
    .option('--size <m>', 'tree size to prove against (default: current)')
    .action(async (options: { index?: string; from?: string; size?: string }, cmd: Command) => {
      if ((options.index === undefined) === (options.from === undefined)) throw new LedgerError('LEDGER_USAGE', 'expected exactly one of --index or --from');
      await withLedger(flagsOf(cmd), async (log) => {
        const size = options.size === undefined ? await log.size() : toIndex(options.size, '--size');
        if (options.index !== undefined) {
          const proof = await log.proveInclusion(toIndex(options.index, '--index'), size);
          const [entry] = await log.read(proof.index, proof.index + 1);
          process.stdout.write(toProofJson({ ...proof, leafHash: toLeafHash(entry?.entry), rootHash: await log.rootHash(size) }));
        } else {
          const proof = await log.proveConsistency(toIndex(options.from ?? '', '--from'), size);
          process.stdout.write(toProofJson({ ...proof, fromRoot: await log.rootHash(proof.fromSize), toRoot: await log.rootHash(size) }));
        }
      });
    });
  ledger.command('verify').description('replay the log: every hash, every checkpoint, and that it extends --against; exit 1 on tampering')
    .option('--against <file>', 'a checkpoint or an export the log must extend')
    .action(async (options: { against?: string }, cmd: Command) => {
      await verifyLog(flagsOf(cmd), options.against).catch(reportTampering);
    });
  ledger.command('export').description('print a checkpoint, then every entry with its inclusion proof (JSON lines)')
    .option('--against <file>', 'also prove consistency from this earlier checkpoint')
    .action(async (options: { against?: string }, cmd: Command) => {
      const against = options.against === undefined ? {} : { against: await readFile(options.against, 'utf8') };
      await withLedger(flagsOf(cmd), async (log) => {
        for await (const record of log.export(against)) process.stdout.write(`${JSON.stringify(record)}\n`);
      });
    });
  ledger.command('key').description("print the ledger's verifier key, for auditors")
    .action(async (_options: unknown, cmd: Command) => {
      await withLedger(flagsOf(cmd), (_log, verifierKey) => Promise.resolve(void process.stdout.write(`${verifierKey}\n`)));
    });
}

/** `citadel ledger append|checkpoint|prove|verify|export|key`: exit 1 when verify finds tampering. */
export function registerLedger(program: Command): void {
  registerVerbs(program.command('ledger').description(VERBS.ledger.summary));
}
