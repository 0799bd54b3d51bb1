// SPDX-License-Identifier: Apache-2.0
import type { LeakPattern } from './leak-pattern.js';
import { SECRET_PATTERNS } from '../rules/secret-patterns.js';
import { PII_PATTERNS } from '../rules/pii-patterns.js';
import { EXFIL_PATTERNS } from '../rules/exfil-patterns.js';

/** Every built-in leak rule (canaries are added per call). A new rule is one entry in its category's list. */
export const LEAK_PATTERNS: readonly LeakPattern[] = [...SECRET_PATTERNS, ...PII_PATTERNS, ...EXFIL_PATTERNS];
