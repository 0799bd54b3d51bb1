// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';

/** Leading bytes handed to every sniffer; no format needs more to recognise itself. */
export const SNIFF_BYTES = 512;

/**
 * One format Citadel can recognise and scan. Adding a format is one file exporting one of these
 * plus one line in `registry.ts`; the contract suite runs over every entry.
 */
export interface FormatHandler {
  /** Stable id used in reports ("pickle", "pytorch-zip", "npy"...). */
  readonly id: string;
  /** @returns true when `head` (the first SNIFF_BYTES or fewer) is this format. Never throws. */
  sniff(head: Uint8Array, source: ByteSource): boolean;
  /**
   * Scans the whole of `source`, reporting findings through `context`. Malformed input is a
   * finding; a thrown ScanError is reported by the caller as unscannable.
   */
  scan(source: ByteSource, context: ScanContext): Promise<void>;
}
