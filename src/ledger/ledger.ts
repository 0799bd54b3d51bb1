// SPDX-License-Identifier: Apache-2.0
import type { LedgerDatabase } from './ledger-database.js';
import type { Checkpoint } from './checkpoint.js';
import type { ConsistencyProof, InclusionProof } from './proof.js';
import type { LedgerSigner } from './signer.js';

/** How often append() signs a checkpoint by itself. */
export type CheckpointPolicy = 'batch' | 'manual' | { readonly everyMs: number };

export interface LedgerOptions {
  /** Where entries live: a `Store` (sqlite:… or postgres://…) from the store capability. */
  readonly store: LedgerDatabase;
  readonly signer: LedgerSigner;
  /** The log's identity, first line of every checkpoint (C2SP tlog-checkpoint), e.g. `citadel.local/audit`. */
  readonly origin: string;
  /** Default 'batch': one checkpoint per append() call. */
  readonly checkpoint?: CheckpointPolicy;
}

/** Where one appended entry landed. */
export interface AppendResult {
  readonly index: number;
  readonly leafHash: Uint8Array;
}

/** One stored entry, parsed back from its canonical JSON. */
export interface LedgerEntry {
  readonly index: number;
  readonly entry: unknown;
}

/** What a successful verify() checked. */
export interface VerifyReport {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Stored checkpoints whose signature, root and mutual consistency were checked. */
  readonly checkpoints: number;
  /** Size of the `against` checkpoint the log was proved to extend, when one was given. */
  readonly extends?: number;
}

/** An append-only Merkle log (RFC 9162 §2.1) on a Store, with signed checkpoints. */
export interface Ledger {
  readonly origin: string;
  /**
   * Appends entries in one transaction, each stored as canonical JSON (RFC 8785).
   * @returns one result per entry, in order. @throws LedgerError LEDGER_ENTRY_INVALID, StoreError
   */
  append(entries: readonly unknown[]): Promise<AppendResult[]>;
  /** @returns the number of entries. */
  size(): Promise<number>;
  /** @returns entries with index in [start, end). @throws LedgerError LEDGER_USAGE */
  read(start: number, end: number): Promise<LedgerEntry[]>;
  /** Signs and stores a checkpoint of the current tree. @returns it */
  checkpoint(): Promise<Checkpoint>;
  /** @returns the newest stored checkpoint, or undefined before the first one. */
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** @returns the root hash of the tree of `size` (default: current). @throws LedgerError LEDGER_USAGE */
  rootHash(size?: number): Promise<Uint8Array>;
  /** @returns the inclusion proof of `index` in the tree of `size` (default: current). @throws LedgerError LEDGER_USAGE */
  proveInclusion(index: number, size?: number): Promise<InclusionProof>;
  /** @returns the consistency proof from `fromSize` to `toSize` (default: current). @throws LedgerError LEDGER_USAGE */
  proveConsistency(fromSize: number, toSize?: number): Promise<ConsistencyProof>;
  /**
   * Replays the whole log: recomputes every leaf and stored interior hash, checks every stored
   * checkpoint's signature and root and that each extends the one before, and with `against`
   * (a signed-note text) or `againstExport` (an earlier export) that the log extends it.
   * @returns what was checked. @throws LedgerError LEDGER_TAMPERED / LEDGER_INCONSISTENT with `index`
   */
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  /** @returns the export for an auditor: a checkpoint, then every entry with its inclusion proof. */
  export(options?: ExportOptions): AsyncIterable<ExportRecord>;
}

export interface VerifyOptions {
  /** A checkpoint (signed-note text) this log must extend. */
  readonly against?: string;
  /**
   * An earlier export of this log: besides extending its checkpoint, every exported entry must
   * still be in the log unchanged, so a rewritten history is named by its first changed index even
   * when the rewriter recomputed every hash.
   */
  readonly againstExport?: AsyncIterable<ExportRecord> | Iterable<ExportRecord>;
}

export interface ExportOptions {
  /** Also prove consistency from this earlier checkpoint (signed-note text) to the exported one. */
  readonly against?: string;
}

/** JSON lines of an export: one head, then one record per entry. Hashes are base64. */
export type ExportRecord =
  | { readonly type: 'checkpoint'; readonly checkpoint: string; readonly verifierKey: string; readonly consistency?: { readonly fromSize: number; readonly path: readonly string[] } }
  | { readonly type: 'entry'; readonly index: number; readonly entry: unknown; readonly path: readonly string[] };
