// SPDX-License-Identifier: Apache-2.0
import { CitadelError } from '../core/index.js';

/** Stable codes raised by the ledger. */
export type LedgerErrorCode =
  | 'LEDGER_USAGE' // a bad option or argument (an index past the end, m > n)
  | 'LEDGER_ENTRY_INVALID' // an entry that is not canonical-JSON-able, or too large
  | 'LEDGER_PROOF_INVALID' // an inclusion or consistency proof that does not verify
  | 'LEDGER_CHECKPOINT_INVALID' // a checkpoint that does not parse or whose signature fails
  | 'LEDGER_TAMPERED' // stored entries or hashes disagree with each other or with a checkpoint
  | 'LEDGER_INCONSISTENT' // a log that is not an append-only extension of an earlier checkpoint
  | 'LEDGER_KEY' // the signing key could not be read, written or parsed
  | 'LEDGER_LIMIT'; // a bound on untrusted input was reached

/**
 * A ledger failure. `index`, when set, is the first log index found to be bad, so an operator
 * knows where history was rewritten.
 */
export class LedgerError extends CitadelError<LedgerErrorCode> {
  readonly index: number | undefined;

  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown; index?: number }) {
    super(code, message, options);
    this.index = options?.index;
  }
}
