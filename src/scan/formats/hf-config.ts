// SPDX-License-Identifier: Apache-2.0

/** One Python module that `trust_remote_code=True` would import for a config entry. */
export interface RemoteModule {
  /** Where the config names it, e.g. `auto_map.AutoModelForCausalLM`. */
  readonly key: string;
  /** The reference as written, e.g. `modeling_x.XForCausalLM` or `org/repo--modeling_x.XForCausalLM`. */
  readonly reference: string;
  /** The file it loads, relative to the repository: `modeling_x.py`. */
  readonly file: string;
  /** Another repository the code is fetched from (`org/repo--module.Class`), when named. */
  readonly repository?: string;
}

/** Entries read from one auto_map; real configs have fewer than twenty. */
const MAX_REFERENCES = 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * transformers' dynamic_module_utils.get_class_from_dynamic_module splits "repo--module.Class"
 * and loads `module.py` (dots are folders) from the repo, or from the snapshot itself.
 */
function toRemoteModule(key: string, reference: string): RemoteModule | undefined {
  const split = reference.indexOf('--');
  const repository = split > 0 ? reference.slice(0, split) : undefined;
  const local = split > 0 ? reference.slice(split + 2) : reference;
  const dot = local.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const file = `${local.slice(0, dot).replaceAll('.', '/')}.py`;
  return { key, reference, file, ...(repository === undefined ? {} : { repository }) };
}

function collectReferences(key: string, value: unknown, out: RemoteModule[]): void {
  if (out.length >= MAX_REFERENCES) return;
  if (typeof value === 'string') {
    const module = toRemoteModule(key, value);
    if (module) out.push(module);
  } else if (Array.isArray(value)) {
    // Tokenizers map to [slow, fast]; either may be null.
    for (const item of value.slice(0, 4)) collectReferences(key, item, out);
  }
}

/**
 * Lists the Python modules a Hugging Face config makes `trust_remote_code=True` import:
 * `auto_map` (config.json, tokenizer_config.json, processor configs) and `custom_pipelines`.
 * @returns the modules, in the order the config names them.
 */
export function listRemoteModules(config: unknown): RemoteModule[] {
  const out: RemoteModule[] = [];
  if (!isObject(config)) return out;
  const autoMap = config['auto_map'];
  if (isObject(autoMap)) for (const [key, value] of Object.entries(autoMap)) collectReferences(`auto_map.${key}`, value, out);
  const pipelines = config['custom_pipelines'];
  if (isObject(pipelines)) {
    for (const [task, spec] of Object.entries(pipelines)) {
      if (!isObject(spec)) continue;
      collectReferences(`custom_pipelines.${task}.impl`, spec['impl'], out);
      for (const framework of ['pt', 'tf']) collectReferences(`custom_pipelines.${task}.${framework}`, spec[framework], out);
    }
  }
  return out;
}

/** A chat template as a tokenizer config stores it: one string, or a list of named ones. */
export interface NamedTemplate {
  readonly name: string;
  readonly source: string;
}

/** @returns the chat templates of a tokenizer config (`chat_template`: string or [{name, template}]). */
export function listChatTemplates(config: unknown): NamedTemplate[] {
  if (!isObject(config)) return [];
  const value = config['chat_template'];
  if (typeof value === 'string') return [{ name: 'chat_template', source: value }];
  if (!Array.isArray(value)) return [];
  return value.slice(0, 64).flatMap((item: unknown) => {
    if (!isObject(item) || typeof item['template'] !== 'string') return [];
    return [{ name: `chat_template.${typeof item['name'] === 'string' ? item['name'] : '?'}`, source: item['template'] }];
  });
}

/** @returns true for a Hugging Face config document (model, tokenizer, generation, processor). */
export function isHfConfig(config: unknown): boolean {
  if (!isObject(config)) return false;
  return ['auto_map', 'model_type', 'architectures', 'transformers_version', 'chat_template', 'tokenizer_class', 'custom_pipelines'].some((k) => k in config);
}
