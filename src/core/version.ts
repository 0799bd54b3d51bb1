// SPDX-License-Identifier: Apache-2.0

/** Kept in step with package.json by the release script's check (test/core/version.test.ts). */
export const VERSION = '0.1.0';
