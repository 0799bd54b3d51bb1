// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';

/** One object a Keras config asks the loader to resolve: a class, a function, a Lambda. */
export interface KerasReference {
  /** Where in the config, e.g. `config.layers[2]`. */
  readonly path: string;
  readonly className: string;
  /** Keras 3 writes the module to import; Keras 2 configs name built-ins only. */
  readonly module?: string;
  readonly registeredName?: string;
  /** For `class_name: "function"`, the function named by `config`. */
  readonly functionName?: string;
  /** Layer name, for messages. */
  readonly layerName?: string;
  /** Marshalled bytecode of a Lambda (base64), Keras 2 tuple form or Keras 3 `__lambda__`. */
  readonly lambdaCode?: string;
  /** Keras 2 Lambda with function_type "function": the function by name and module. */
  readonly lambdaFunction?: { readonly name: string; readonly module?: string };
}

/** Objects visited in one config; real models have thousands at most. */
const MAX_NODES = 2_000_000;
/** Nesting of config objects; functional models nest a few levels per layer. */
const MAX_DEPTH = 256;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Keras 2 `func_dump` stores `[code_base64, defaults, closure]` with function_type "lambda";
 * Keras 3 stores `{class_name: "__lambda__", config: {code, defaults, closure}}`.
 */
function toLambda(config: Record<string, Json>): Pick<KerasReference, 'lambdaCode' | 'lambdaFunction'> {
  const fn = config['function'];
  if (Array.isArray(fn) && typeof fn[0] === 'string') return { lambdaCode: fn[0] };
  if (isObject(fn) && fn['class_name'] === '__lambda__' && isObject(fn['config'])) {
    const code = asString(fn['config']['code']);
    if (code !== undefined) return { lambdaCode: code };
  }
  if (typeof fn === 'string' && (config['function_type'] === 'lambda' || /^[A-Za-z0-9+/=\s]{40,}$/.test(fn))) return { lambdaCode: fn };
  if (typeof fn === 'string') {
    const module = asString(config['module']);
    return { lambdaFunction: { name: fn, ...(module === undefined ? {} : { module }) } };
  }
  return {};
}

function toReference(node: Record<string, Json>, path: string): KerasReference | undefined {
  const className = asString(node['class_name']);
  if (className === undefined) return undefined;
  const config = isObject(node['config']) ? node['config'] : undefined;
  const module = asString(node['module']);
  const registeredName = asString(node['registered_name']);
  const layerName = asString(config?.['name']) ?? asString(node['name']);
  const functionName = className === 'function' ? asString(node['config']) : undefined;
  const lambda = className === 'Lambda' && config ? toLambda(config) : className === '__lambda__' && config ? { lambdaCode: asString(config['code']) } : {};
  return {
    path, className,
    ...(module === undefined ? {} : { module }),
    ...(registeredName === undefined ? {} : { registeredName }),
    ...(functionName === undefined ? {} : { functionName }),
    ...(layerName === undefined ? {} : { layerName }),
    ...(lambda.lambdaCode === undefined ? {} : { lambdaCode: lambda.lambdaCode }),
    ...('lambdaFunction' in lambda && lambda.lambdaFunction ? { lambdaFunction: lambda.lambdaFunction } : {}),
  };
}

/**
 * Walks a parsed Keras config (model_config / training_config of an .h5, config.json of a .keras
 * archive, model.to_json()) and lists every object Keras' deserialize_keras_object would resolve.
 * The walk is iterative, so nesting cannot exhaust the stack.
 * @throws ScanError SCAN_LIMIT past 256 levels or two million nodes.
 * @returns references in document order.
 */
export function listKerasReferences(root: unknown): KerasReference[] {
  const out: KerasReference[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (++nodes > MAX_NODES) throw new ScanError('SCAN_LIMIT', `keras config has more than ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw new ScanError('SCAN_LIMIT', `keras config nests deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    if (!isObject(value)) continue;
    const reference = toReference(value, path || '(root)');
    if (reference) out.push(reference);
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: value[key], path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return out;
}

/** @returns true when a parsed JSON document is a Keras model or layer config. */
export function isKerasConfig(root: unknown): boolean {
  return isObject(root) && typeof root['class_name'] === 'string' && 'config' in root;
}
