// SPDX-License-Identifier: Apache-2.0
export { openLedger } from './open-ledger.js';
export type { LedgerDatabase, LedgerMigration, LedgerSql, LedgerSqlRow, LedgerSqlValue, LedgerTransaction } from './ledger-database.js';
export type { AppendResult, CheckpointPolicy, ExportOptions, ExportRecord, Ledger, LedgerEntry, LedgerOptions, VerifyOptions, VerifyReport } from './ledger.js';
export { canonicalizeJson } from './canonical-json.js';
export { hashLeaf, hashChildren, toLeafHash } from './merkle-hash.js';
export { verifyInclusion, verifyConsistency, toRootFromInclusion } from './verify-proof.js';
export type { ConsistencyProof, InclusionProof } from './proof.js';
export { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
export { verifyExport, type ExportAudit } from './verify-export.js';
export { openSigner, type LedgerSigner, type SignerOptions } from './signer.js';
export { LedgerError, type LedgerErrorCode } from './errors.js';
