// SPDX-License-Identifier: Apache-2.0
import type { Severity } from '../../core/index.js';
import type { FindingInput } from '../context.js';

/** One node of a TensorFlow graph or of a function in its library. */
export interface TfNode {
  readonly name: string;
  readonly op: string;
  /** `graph` or `function NAME`. */
  readonly where: string;
}

interface OpRisk {
  readonly severity: Severity;
  readonly reason: string;
}

const PYTHON: OpRisk = { severity: 'critical', reason: 'calls back into python, which runs whatever the loading process registered' };
const READ: OpRisk = { severity: 'high', reason: 'reads files named by a tensor, which the graph can then output' };
const WRITE: OpRisk = { severity: 'high', reason: 'writes or deletes files at paths the graph chooses' };
const LIST: OpRisk = { severity: 'high', reason: 'lists the file system' };
const NETWORK: OpRisk = { severity: 'high', reason: 'sends tensors to debug URLs (file:// or grpc://)' };

/**
 * Ops that reach outside the tensor world (tensorflow/core/ops). The checkpoint ops every
 * SavedModel's saver uses (SaveV2, RestoreV2, MergeV2Checkpoints) are not listed: their paths
 * come from the loader, not from the graph, and listing them would flag every model.
 */
const RISKY_OPS: Readonly<Record<string, OpRisk>> = {
  PyFunc: PYTHON, PyFuncStateless: PYTHON, EagerPyFunc: PYTHON,
  ReadFile: READ, ImmutableConst: READ, WholeFileReader: READ, WholeFileReaderV2: READ, TextLineReader: READ, TextLineReaderV2: READ,
  FixedLengthRecordReader: READ, FixedLengthRecordReaderV2: READ, TFRecordReader: READ, TFRecordReaderV2: READ, LMDBReader: READ,
  TextLineDataset: READ, TFRecordDataset: READ, TFRecordDatasetV2: READ, FixedLengthRecordDataset: READ, FixedLengthRecordDatasetV2: READ,
  CSVDataset: READ, CSVDatasetV2: READ, ExperimentalCSVDataset: READ, SqlDataset: READ, ExperimentalSqlDataset: READ, LMDBDataset: READ,
  ExperimentalLMDBDataset: READ, InitializeTableFromTextFile: READ, InitializeTableFromTextFileV2: READ, LoadDataset: READ,
  WriteFile: WRITE, DeleteFile: WRITE, SaveDataset: WRITE, SaveDatasetV2: WRITE, DatasetToTFRecord: WRITE, ExperimentalDatasetToTFRecord: WRITE,
  CreateSummaryFileWriter: WRITE, CreateSummaryDbWriter: WRITE,
  MatchingFiles: LIST, MatchingFilesDataset: LIST, ExperimentalMatchingFilesDataset: LIST,
  DebugIdentity: NETWORK, DebugIdentityV2: NETWORK, DebugIdentityV3: NETWORK, DebugNanCount: NETWORK, DebugNumericSummary: NETWORK, DebugNumericSummaryV2: NETWORK,
};

/** Findings per op type: the first few nodes name the problem, the count says how widespread. */
const MAX_NODES_NAMED = 5;

/**
 * Grades the ops of a TensorFlow graph: Python callbacks are critical; file, listing and debug
 * network ops are high. One finding per op type, naming its first nodes.
 * @returns findings in the order op types first appear.
 */
export function classifyTensorflow(nodes: readonly TfNode[]): FindingInput[] {
  const byOp = new Map<string, TfNode[]>();
  for (const node of nodes) {
    if (RISKY_OPS[node.op] === undefined) continue;
    const seen = byOp.get(node.op) ?? [];
    seen.push(node);
    byOp.set(node.op, seen);
  }
  return [...byOp].map(([op, found]) => {
    const risk = RISKY_OPS[op] as OpRisk;
    const named = found.slice(0, MAX_NODES_NAMED).map((n) => `${JSON.stringify(n.name)} in ${n.where}`).join(', ');
    return {
      ruleId: 'CITADEL-TF-DANGEROUS-OP',
      severity: risk.severity,
      message: `${op} op ${risk.reason}: node ${named}${found.length > MAX_NODES_NAMED ? ` and ${found.length - MAX_NODES_NAMED} more` : ''}`,
      detail: { op, nodes: found.slice(0, 50).map((n) => n.name), count: found.length },
    };
  });
}
