// SPDX-License-Identifier: Apache-2.0
import { CitadelError } from '../core/index.js';

/** Stable codes raised by the scanner. Malformed input inside a file is a finding, not one of these. */
export type ScanErrorCode =
  | 'SCAN_USAGE' // a bad option or argument
  | 'SCAN_NOT_FOUND' // a path the user named does not exist
  | 'SCAN_IO' // a file that exists could not be read
  | 'SCAN_TRUNCATED' // data ended where the format promised more
  | 'SCAN_MALFORMED' // data that breaks the format's rules
  | 'SCAN_LIMIT' // a bound in Limits was reached
  | 'SCAN_TIMEOUT'; // the per-input deadline passed

export class ScanError extends CitadelError<ScanErrorCode> {}
