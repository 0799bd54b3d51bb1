// SPDX-License-Identifier: Apache-2.0
import type { FindingInput } from '../context.js';
import type { KerasReference } from '../formats/keras-config.js';
import { toCodeSummary, type CodeSummary } from '../formats/python-marshal.js';
import { judgeName } from './verdict.js';

/** Modules Keras resolves itself; a name under them is a Keras or TensorFlow object. */
const KERAS_NAMESPACES = ['keras', 'tf_keras', 'tensorflow', 'tf', 'keras_nlp', 'keras_cv', 'keras_hub'];

/**
 * Keras objects that are dangerous although they live in Keras' own namespace: the 2025 bypasses
 * of safe_mode went through exactly these (a downloader, a loader of other models and graphs,
 * the switch that turns safe mode off).
 */
const KERAS_DANGEROUS: Readonly<Record<string, string>> = {
  get_file: 'downloads a file from a URL named in the config',
  TFSMLayer: 'loads and runs a TensorFlow SavedModel from a path named in the config',
  load_model: 'loads another model file, with its own code',
  load_weights: 'reads files named in the config',
  enable_unsafe_deserialization: 'turns safe_mode off for the rest of the process',
  set_image_data_format: 'changes global state',
};

/** Names in Lambda bytecode that mean it reaches the system, not just tensors. */
const DANGEROUS_CODE_NAMES = new Set([
  '__import__', 'eval', 'exec', 'compile', 'open', 'system', 'popen', 'Popen', 'run', 'call', 'check_output', 'spawn', 'execv', 'execve',
  'remove', 'unlink', 'rmtree', 'urlopen', 'socket', 'connect', 'getattr', 'globals', 'builtins', '__builtins__', 'subprocess', 'os', 'sys',
]);

function isKerasModule(module: string): boolean {
  return KERAS_NAMESPACES.some((ns) => module === ns || module.startsWith(`${ns}.`));
}

function toQualified(ref: KerasReference): { module: string; name: string } | undefined {
  if (ref.module === undefined) return undefined;
  return { module: ref.module, name: ref.functionName ?? ref.className };
}

function describeCode(summary: CodeSummary): string {
  const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
  const names = summary.names.length ? `names ${summary.names.slice(0, 12).join(', ')}` : 'no names';
  const consts = summary.constants.length ? `; constants ${summary.constants.slice(0, 8).map(quote).join(', ')}` : '';
  return `${names}${consts}`;
}

function toLambdaFinding(ref: KerasReference, code: string): FindingInput {
  const where = `lambda layer ${ref.layerName === undefined ? '' : `${JSON.stringify(ref.layerName)} `}at ${ref.path}`;
  let summary: CodeSummary | undefined;
  try {
    summary = toCodeSummary(Buffer.from(code, 'base64'));
  } catch {
    summary = undefined;
  }
  const dangerous = summary?.names.filter((n) => DANGEROUS_CODE_NAMES.has(n)) ?? [];
  const what = summary ? describeCode(summary) : 'bytecode that could not be decoded';
  return {
    ruleId: 'CITADEL-KERAS-LAMBDA',
    severity: dangerous.length ? 'critical' : 'high',
    message: `${where} carries marshalled python bytecode that runs when the model is loaded or called (${what})`,
    detail: { path: ref.path, ...(summary ? { names: summary.names, constants: summary.constants } : {}), ...(dangerous.length ? { dangerous } : {}) },
  };
}

/** Grades one module-qualified name: denied, Keras-dangerous, Keras' own, allowed, or unknown. */
function toNameFinding(ref: KerasReference, module: string, name: string): FindingInput | undefined {
  const label = `${module}.${name}`;
  const detail = { path: ref.path, module, name, ...(ref.registeredName === undefined ? {} : { registeredName: ref.registeredName }) };
  const verdict = judgeName(module, name);
  const kerasReason = KERAS_DANGEROUS[name];
  if (verdict.kind === 'denied' || (kerasReason !== undefined && isKerasModule(module))) {
    const reason = verdict.kind === 'denied' ? verdict.reason : (kerasReason as string);
    return { ruleId: 'CITADEL-KERAS-DANGEROUS-CALLABLE', severity: 'critical', detail, message: `keras config at ${ref.path} names ${label}: ${reason}` };
  }
  if (isKerasModule(module) || verdict.kind === 'allowed') return undefined;
  return { ruleId: 'CITADEL-KERAS-UNKNOWN-CALLABLE', severity: 'medium', detail, message: `keras config at ${ref.path} names ${label}, outside the keras and tensorflow namespaces; loading imports that module` };
}

/**
 * Keras 3 writes `registered_name` "package>Name" for objects registered by user code; the
 * loader needs that code imported, so the object is as unknown as a foreign module.
 */
function toRegisteredFinding(ref: KerasReference): FindingInput | undefined {
  const registered = ref.registeredName;
  if (registered === undefined || !registered.includes('>')) return undefined;
  const [pkg = ''] = registered.split('>');
  if (isKerasModule(pkg.toLowerCase()) || pkg === 'keras_nlp' || pkg === 'keras_hub') return undefined;
  return { ruleId: 'CITADEL-KERAS-UNKNOWN-CALLABLE', severity: 'medium', detail: { path: ref.path, registeredName: registered }, message: `keras config at ${ref.path} needs the custom object ${JSON.stringify(registered)}, registered by code outside keras` };
}

/**
 * Turns the references of one Keras config into findings: Lambda bytecode (high, critical when it
 * names system access), dangerous callables (critical), foreign modules and registered objects
 * (medium). A Lambda stored twice (Keras 3's layer and its `__lambda__`) is reported once.
 * @returns findings in document order.
 */
export function classifyKeras(references: readonly KerasReference[]): FindingInput[] {
  const findings: FindingInput[] = [];
  const seenCode = new Set<string>();
  for (const ref of references) {
    if (ref.lambdaCode !== undefined && !seenCode.has(ref.lambdaCode)) {
      seenCode.add(ref.lambdaCode);
      findings.push(toLambdaFinding(ref, ref.lambdaCode));
    }
    if (ref.lambdaFunction) {
      const f = toNameFinding(ref, ref.lambdaFunction.module ?? '__main__', ref.lambdaFunction.name);
      findings.push(f ?? { ruleId: 'CITADEL-KERAS-LAMBDA', severity: 'high', detail: { path: ref.path }, message: `lambda layer at ${ref.path} calls the function ${ref.lambdaFunction.name} by name` });
    }
    const qualified = toQualified(ref);
    const named = qualified ? toNameFinding(ref, qualified.module, qualified.name) : undefined;
    if (named) findings.push(named);
    else if (!qualified && KERAS_DANGEROUS[ref.className] !== undefined) {
      findings.push({ ruleId: 'CITADEL-KERAS-DANGEROUS-CALLABLE', severity: 'critical', detail: { path: ref.path, name: ref.className }, message: `keras config at ${ref.path} names ${ref.className}: ${KERAS_DANGEROUS[ref.className] ?? ''}` });
    }
    const registered = named ? undefined : toRegisteredFinding(ref);
    if (registered) findings.push(registered);
  }
  return findings;
}
