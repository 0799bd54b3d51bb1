// SPDX-License-Identifier: Apache-2.0
export { VaultError, type VaultErrorCode } from './errors.js';
export { openVault, DEFAULT_VAULT, type OpenVault, type OpenVaultOptions } from './open-vault.js';
export type { VaultContext } from './vault-context.js';
export { initVault, describeVault, setBudget, type InitOptions, type VaultSummary } from './vault-admin.js';
export { sealModel, type SealOptions, type SealSummary } from './seal.js';
export { fileRequest, approveRequest, submitApproval, type RequestFlowOptions } from './approve.js';
export { releaseModel, type ReleaseOptions, type ReleaseSummary } from './release-model.js';
export { reshareVault, type ReshareSummary } from './reshare.js';
export { verifyDirectory, verifyReleasedDirectory, type VerifyDirOptions, type VerifyDirReport } from './verify-dir.js';
export { generatePrincipal, parsePrincipal, wipePrincipalKeys, type Principal, type UnlockedPrincipal } from './keys/principal.js';
export { toKeyFileText, unlockKeyFile, readPublicPrincipal, DEFAULT_SCRYPT, type ScryptParams } from './keys/key-file.js';
export { encryptAgeFile, decryptAgeFile } from './age/age-file.js';
export { generateIdentity, parseIdentity, parseRecipient, toIdentityText, toRecipientText, type AgeIdentity } from './age/keys.js';
export { DEFAULT_BUDGET, toBudget, toDurationMs, type Budget } from './release/budget.js';
export type { SignedApproval } from './release/approval.js';
