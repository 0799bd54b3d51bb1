// SPDX-License-Identifier: Apache-2.0
import { CitadelError } from '../core/index.js';

/**
 * Stable codes raised by the vault. Each refusal has its own code so that callers, tests and the
 * ledger can tell a forged approval from a replayed one without parsing messages.
 */
export type VaultErrorCode =
  | 'VAULT_USAGE' // a bad option or argument
  | 'VAULT_IO' // a file could not be read or written
  | 'VAULT_NOT_FOUND' // a vault, model, custodian, request or blob that does not exist
  | 'VAULT_EXISTS' // something that must be new already exists
  | 'VAULT_KEY_INVALID' // a key or key file that does not parse, or a wrong passphrase
  | 'VAULT_HEADER_INVALID' // an age header that breaks age-encryption.org/v1
  | 'VAULT_NO_IDENTITY' // no stanza in the header opens with the identity given
  | 'VAULT_PAYLOAD_INVALID' // a chunk that fails authentication: tampered or reordered
  | 'VAULT_PAYLOAD_TRUNCATED' // the payload ends before its final chunk
  | 'VAULT_LIMIT' // a bound on untrusted input was reached
  | 'VAULT_SHARE_INVALID' // shares that do not rebuild the vault identity
  | 'VAULT_REQUEST_INVALID' // a request whose signature or fields do not check
  | 'VAULT_REQUEST_EXPIRED' // a request past its expiry
  | 'VAULT_REQUEST_CLOSED' // a request already released or refused
  | 'VAULT_APPROVAL_FORGED' // a signature that does not verify under a custodian key of this vault
  | 'VAULT_APPROVAL_WRONG_REQUEST' // an approval signed for another request, model or expiry
  | 'VAULT_APPROVAL_REPLAYED' // an approval that was already used
  | 'VAULT_APPROVAL_DUPLICATE' // the same custodian approving twice
  | 'VAULT_APPROVAL_SELF' // the requester approving their own request
  | 'VAULT_APPROVAL_MISSING' // fewer than M valid approvals
  | 'VAULT_NOT_CUSTODIAN' // a key that is not a current custodian of this vault
  | 'VAULT_BUDGET_EXCEEDED' // a release that would pass an egress budget
  | 'VAULT_MANIFEST_INVALID' // a manifest whose signature or structure does not check
  | 'VAULT_DIGEST_MISMATCH' // a file whose bytes differ from its manifest
  | 'VAULT_OUTPUT_EXISTS'; // a release target that already exists

export class VaultError extends CitadelError<VaultErrorCode> {}
