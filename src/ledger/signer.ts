// SPDX-License-Identifier: Apache-2.0
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LedgerError } from './errors.js';
import { isKeyName, toVerifierKeyText } from './signed-note.js';

/** Signs checkpoints with Ed25519 (C2SP signed-note signature type 0x01). */
export interface LedgerSigner {
  /** Key name on the signature line, e.g. `citadel.example/audit`. */
  readonly name: string;
  /** Verifier key in the signed-note text form `<name>+<key id hex>+<base64(0x01 || public key)>`. */
  readonly verifierKey: string;
  /** @returns the 64-byte Ed25519 signature of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** Where the signing key lives; it is generated on first use. */
export interface SignerOptions {
  /** Directory holding `ledger-ed25519.pem` (created with mode 0700, the key file 0600). */
  readonly dir: string;
  /** Key name for signature lines; defaults to the ledger origin. */
  readonly name: string;
}

const KEY_FILE = 'ledger-ed25519.pem';

function toRawPublicKey(privateKey: KeyObject): Buffer {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.x === undefined) throw new LedgerError('LEDGER_KEY', 'expected an ed25519 key, got one without a public part');
  return Buffer.from(jwk.x, 'base64url');
}

async function createKeyUnlessPresent(path: string): Promise<void> {
  if (await stat(path).then(() => true, () => false)) return;
  try {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' });
    // 'wx' fails when the file exists, so two processes starting together keep one key.
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new LedgerError('LEDGER_KEY', `expected to create the signing key ${path}, got an error`, { cause: error });
  }
}

async function readOrCreateKey(path: string): Promise<KeyObject> {
  await createKeyUnlessPresent(path);
  const info = await stat(path);
  // The key signs the log's history: anyone who can read it can forge checkpoints.
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new LedgerError('LEDGER_KEY', `expected the signing key ${path} to be readable by its owner only (mode 0600), got mode ${(info.mode & 0o777).toString(8)}`);
  }
  try {
    const key = createPrivateKey(await readFile(path));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`key type ${String(key.asymmetricKeyType)}`);
    return key;
  } catch (error) {
    throw new LedgerError('LEDGER_KEY', `expected an ed25519 pkcs8 pem key in ${path}, got something else`, { cause: error });
  }
}

/**
 * Opens the ledger's Ed25519 signing key under `options.dir`, generating it on first use.
 * @returns a signer for checkpoints
 * @throws LedgerError LEDGER_KEY when the key cannot be created or read, is not Ed25519, or is
 * readable by others; LEDGER_USAGE for a name with spaces or '+'
 */
export async function openSigner(options: SignerOptions): Promise<LedgerSigner> {
  if (!isKeyName(options.name)) throw new LedgerError('LEDGER_USAGE', `expected a key name without spaces or '+', got ${JSON.stringify(options.name)}`);
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const privateKey = await readOrCreateKey(join(options.dir, KEY_FILE));
  const verifierKey = toVerifierKeyText(options.name, toRawPublicKey(privateKey));
  return { name: options.name, verifierKey, sign: (message) => sign(null, message, privateKey) };
}
