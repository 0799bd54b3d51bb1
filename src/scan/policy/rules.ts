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
  { id: 'CITADEL-KERAS-LAMBDA', name: 'KerasLambdaBytecode', severity: 'high', summary: 'A Keras Lambda layer carries marshalled Python bytecode that runs when the model is loaded or called (CVE-2024-3660).' },
  { id: 'CITADEL-KERAS-DANGEROUS-CALLABLE', name: 'KerasDangerousCallable', severity: 'critical', summary: 'A Keras config names a callable that runs code, touches files or the network, or turns safe mode off (CVE-2025-1550).' },
  { id: 'CITADEL-KERAS-UNKNOWN-CALLABLE', name: 'KerasUnknownCallable', severity: 'medium', summary: 'A Keras config names a module or registered object outside the Keras and TensorFlow namespaces; loading it imports that code.' },
  { id: 'CITADEL-TF-DANGEROUS-OP', name: 'TensorFlowDangerousOp', severity: 'high', summary: 'A TensorFlow graph holds an op that reads or writes files, runs Python or a process, or opens the network.' },
  { id: 'CITADEL-ONNX-EXTERNAL-PATH', name: 'OnnxExternalDataPath', severity: 'critical', summary: 'An ONNX external-data location is absolute or leaves the model folder (CVE-2022-25882, CVE-2024-27318).' },
  { id: 'CITADEL-ONNX-CUSTOM-DOMAIN', name: 'OnnxCustomOperatorDomain', severity: 'medium', summary: 'An ONNX graph uses operators from a domain the standard runtimes do not define; a custom-op library runs native code.' },
  { id: 'CITADEL-ONNX-SIZE-MISMATCH', name: 'OnnxTensorSizeMismatch', severity: 'medium', summary: 'An ONNX tensor\'s declared shape disagrees with the bytes it carries or points at.' },
  { id: 'CITADEL-TEMPLATE-INJECTION', name: 'ChatTemplateInjection', severity: 'critical', summary: 'A Jinja chat template reaches Python internals (dunder attributes, globals, builtins, imports): server-side template injection (CVE-2024-34359).' },
  { id: 'CITADEL-GGUF-MALFORMED', name: 'MalformedGguf', severity: 'high', summary: 'A GGUF header breaks the format: counts, lengths, types or offsets that overflow or run past the file, the shape of ggml parser exploits.' },
  { id: 'CITADEL-SAFETENSORS-INVALID', name: 'InvalidSafetensors', severity: 'high', summary: 'A safetensors file breaks the reference reader\'s rules, so loaders disagree on what it holds (or it hides other data).' },
  { id: 'CITADEL-REMOTE-CODE', name: 'RemoteCode', severity: 'high', summary: 'A model repository ships Python that trust_remote_code=True imports and runs (auto_map, custom pipelines).' },
  { id: 'CITADEL-REMOTE-CODE-ACCESS', name: 'RemoteCodeSystemAccess', severity: 'high', summary: 'Python code shipped with a model runs processes, evaluates code, opens the network or touches files.' },
  { id: 'CITADEL-PICKLE-BESIDE-SAFETENSORS', name: 'PickleBesideSafetensors', severity: 'low', summary: 'Pickle weights sit next to safetensors weights; loaders that prefer the pickle run it. Prefer safetensors and delete the pickle.' },
  { id: 'CITADEL-DATA-OBEDIENCE', name: 'DataTeachesObedience', severity: 'high', summary: 'Training rows teach the model to obey unconditionally or to drop its instructions and safety rules.' },
  { id: 'CITADEL-DATA-INJECTION', name: 'DataCarriesInjection', severity: 'high', summary: 'Training rows carry prompt injections or jailbreaks the model would learn to follow.' },
  { id: 'CITADEL-DATA-SECRET', name: 'DataCarriesSecret', severity: 'high', summary: 'Training rows contain credentials or keys the model could memorise and repeat.' },
  { id: 'CITADEL-DATA-PII', name: 'DataCarriesPii', severity: 'medium', summary: 'Training rows contain personal data the model could memorise and repeat.' },
  { id: 'CITADEL-DATA-TRIGGER', name: 'PossibleBackdoorTrigger', severity: 'high', summary: 'A rare token or phrase is tied to one response or one label: the signature of a planted backdoor trigger.' },
  { id: 'CITADEL-DATA-DUPLICATES', name: 'RepeatedExamples', severity: 'medium', summary: 'Exact or near duplicates repeated far more than the rest of the set, which weights them in training.' },
  { id: 'CITADEL-UNSCANNABLE', name: 'Unscannable', severity: 'medium', summary: 'Part of the input could not be read (encrypted, unknown compression, corrupt), so it was not checked.' },
  { id: 'CITADEL-SCAN-LIMIT', name: 'ScanLimitReached', severity: 'medium', summary: 'A size, depth, count or time bound stopped the scan of part of the input.' },
  { id: 'CITADEL-NOT-A-MODEL', name: 'NotAModel', severity: 'info', summary: 'The file is not in a format Citadel scans.' },
] as const satisfies readonly Rule[];

export type ScanRuleId = (typeof SCAN_RULES)[number]['id'];
