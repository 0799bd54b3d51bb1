// SPDX-License-Identifier: Apache-2.0

/** Codes raised by the core layer itself; each capability adds its own union. */
export type CoreErrorCode = 'CORE_TRUNCATED' | 'CORE_LIMIT' | 'CORE_IO' | 'CORE_USAGE' | 'CORE_MALFORMED';

/**
 * The one error type Citadel throws on purpose. `code` is stable and is what callers and tests
 * branch on; the message is for people and never holds key material.
 */
export class CitadelError<C extends string = string> extends Error {
  readonly code: C;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CitadelError';
    this.code = code;
  }
}

/** @returns true when `error` is a CitadelError, and has `code` when one is given. */
export function isCitadelError(error: unknown, code?: string): error is CitadelError {
  return error instanceof CitadelError && (code === undefined || error.code === code);
}

/** @returns a short message for any thrown value, for reports and logs. */
export function toMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
