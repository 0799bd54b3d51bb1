// SPDX-License-Identifier: Apache-2.0
export { scanPaths, listFiles, type ScanOptions } from './scan-paths.js';
export { ScanError, type ScanErrorCode } from './errors.js';
export { SCAN_RULES, type ScanRuleId } from './policy/rules.js';
export { judgeName, type NameVerdict } from './policy/verdict.js';
export { VERSION } from '../core/index.js';
export { scanDatasets, type DatasetScanOptions, type InspectedText, type TextInspector } from './dataset/scan-dataset.js';
