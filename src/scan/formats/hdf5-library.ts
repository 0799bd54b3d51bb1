// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';
import { LibraryThread, LIBRARY_PRELUDE_SOURCE, type LibraryCallLimits } from '../library-thread.js';

/** A string attribute of the root group, or why it was not read. */
export type RootAttribute = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'absent' } | { readonly kind: 'too-large'; readonly bytes: number };

export interface RootAttributeRequest {
  /** A real file path: the library's Node build reads files directly (NODERAWFS). */
  readonly path: string;
  readonly names: readonly string[];
  readonly maxBytes: number;
}

/**
 * The HDF5 C library (h5wasm) on a library thread: fuzzing found files that loop it forever and
 * files that make it abort. It is compiled on first use, once per thread, so a scan without HDF5
 * files never pays for it.
 */
const WORKER_SOURCE = `
${LIBRARY_PRELUDE_SOURCE}
const ready = import(workerData.url).then(async (m) => {
  const module = await m.default.ready;
  // HDF5's error stack becomes exceptions instead of being printed.
  module.activate_throwing_error_handler();
  return m.default;
});
function toText(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value) && value.length === 1) return toText(value[0]);
  return undefined;
}
function readAttributes(h5, { path, names, maxBytes }) {
  const out = [];
  let file;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    error.stage = 'open';
    throw error;
  }
  try {
    const attrs = file.attrs;
    for (const name of names) {
      const attr = attrs[name];
      if (!attr) { out.push([name, { kind: 'absent' }]); continue; }
      const meta = attr.metadata;
      const bytes = meta.vlen ? 0 : meta.size * (meta.shape || []).reduce((a, b) => a * b, 1);
      if (bytes > maxBytes) { out.push([name, { kind: 'too-large', bytes }]); continue; }
      const text = toText(attr.value);
      out.push([name, text === undefined ? { kind: 'absent' } : { kind: 'text', text }]);
    }
  } finally {
    try { file.close(); } catch {}
  }
  return out;
}
serve(async (request) => ({ value: readAttributes(await ready, request) }),
  (error, message) => error instanceof WebAssembly.RuntimeError || /^Aborted\\(/.test(message));
`;

/** The thread's heap holds the attribute texts; the WebAssembly memory is outside it. */
const library = new LibraryThread({
  label: 'hdf5 library', source: WORKER_SOURCE, workerData: { url: import.meta.resolve('h5wasm/node') }, maxOldGenerationSizeMb: 256,
});

function firstLine(text: string): string {
  const detail = /minor: (.+)$/m.exec(text)?.[1];
  return (detail ?? text.split('\n')[0] ?? '').trim().toLowerCase();
}

/**
 * Reads string attributes of an HDF5 file's root group with the HDF5 library, on its own thread.
 * @throws ScanError SCAN_MALFORMED when the library refuses or aborts on the file, SCAN_TIMEOUT when
 *   it runs past `limits.timeoutMs` (its thread is then terminated and replaced on the next call).
 * @returns each requested attribute's text, absence, or size when over `maxBytes`.
 */
export async function readRootAttributes(request: RootAttributeRequest, limits: LibraryCallLimits): Promise<Map<string, RootAttribute>> {
  const reply = await library.call<[string, RootAttribute][]>(request, limits);
  if (reply.ok) return new Map(reply.value);
  if (reply.fatal) throw new ScanError('SCAN_MALFORMED', `hdf5 library aborted on the file (its thread was replaced): ${firstLine(reply.message)}`);
  const what = reply.stage === 'open' ? 'cannot open the file' : 'cannot read the root attributes';
  throw new ScanError('SCAN_MALFORMED', `hdf5 library ${what}: ${firstLine(reply.message)}`);
}
