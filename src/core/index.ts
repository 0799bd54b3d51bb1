// SPDX-License-Identifier: Apache-2.0
export { CitadelError, isCitadelError, toMessage, type CoreErrorCode } from './errors.js';
export { DEFAULT_LIMITS, Deadline, withLimits, type Limits } from './limits.js';
export { openFileSource, readAll, toBufferSource, toSliceSource, type ByteSource, type FileSource } from './byte-source.js';
export { ByteReader } from './byte-reader.js';
export { SEVERITIES, isSeverity, toLocationText, toMaxSeverity, toSeverityRank } from './findings.js';
export type { Finding, Location, Report, Rule, Severity, Target } from './findings.js';
export { toJsonReport } from './reports/json.js';
export { toSarifReport } from './reports/sarif.js';
export { toTableReport } from './reports/table.js';
export { VERSION } from './version.js';
