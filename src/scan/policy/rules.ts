// SPDX-License-Identifier: Apache-2.0
import type { Rule } from '../../core/index.js';

/** Every rule the scanner can report; ids are stable and appear in JSON and SARIF output. */
export const SCAN_RULES = [
  { id: 'CITADEL-PICKLE-DANGEROUS-CALL', name: 'DangerousCallable', severity: 'critical', summary: 'The pickle imports a callable that runs code, touches the system or loads more code.' },
  { id: 'CITADEL-PICKLE-UNKNOWN-CALL', name: 'UnknownCallableInvoked', severity: 'high', summary: 'The pickle calls a callable that is not known to be safe; every published scanner bypass works this way.' },
  { id: 'CITADEL-PICKLE-UNKNOWN-IMPORT', name: 'UnknownImport', severity: 'medium', summary: 'The pickle imports or instantiates a class that is not known to be safe.' },
  { id: 'CITADEL-PICKLE-MALFORMED', name: 'MalformedPickle', severity: 'high', summary: 'The pickle stream is broken; a loader would have run what came before the break.' },
  { id: 'CITADEL-PICKLE-TRAILING', name: 'TrailingData', severity: 'low', summary: 'Bytes follow the last pickle that are not a pickle.' },
  { id: 'CITADEL-ARCHIVE-DIVERGENCE', name: 'ArchiveParserDivergence', severity: 'high', summary: 'The archive reads differently to different loaders (CRC, local/central names, duplicates, hidden entries).' },
  { id: 'CITADEL-ARCHIVE-BOMB', name: 'DecompressionBomb', severity: 'high', summary: 'Compressed data inflates past the ratio or size bounds.' },
  { id: 'CITADEL-ARCHIVE-PATH', name: 'UnsafeArchivePath', severity: 'medium', summary: 'An archive entry name is absolute or climbs out of the extraction folder.' },
  { id: 'CITADEL-TORCHSCRIPT-CODE', name: 'TorchScriptCode', severity: 'info', summary: 'A TorchScript archive carries code that runs when the module is called.' },
  { id: 'CITADEL-UNSCANNABLE', name: 'Unscannable', severity: 'medium', summary: 'Part of the input could not be read (encrypted, unknown compression, corrupt), so it was not checked.' },
  { id: 'CITADEL-SCAN-LIMIT', name: 'ScanLimitReached', severity: 'medium', summary: 'A size, depth, count or time bound stopped the scan of part of the input.' },
  { id: 'CITADEL-NOT-A-MODEL', name: 'NotAModel', severity: 'info', summary: 'The file is not in a format Citadel scans.' },
] as const satisfies readonly Rule[];

export type ScanRuleId = (typeof SCAN_RULES)[number]['id'];
