// SPDX-License-Identifier: Apache-2.0
import { isPickleByTrial } from '../pickle/trial.js';
import { SNIFF_BYTES, type FormatHandler } from './format.js';
import { scanPickleStream } from './pickle-stream.js';

/**
 * Wraps a format whose magic leaves room for a pickle at offset 0 (GGUF's "G" is BINFLOAT, a
 * safetensors length byte can be PROTO): when the head also runs as a pickle, the whole file is
 * scanned as one too, because torch.load or pickle.load would read it that way whatever the
 * extension says. Sniffing picks one format; a polyglot must not pick the harmless reading.
 * @returns a handler with the same id and sniffer.
 */
export function withPickleReading(handler: FormatHandler): FormatHandler {
  return {
    id: handler.id,
    sniff: (head, source) => handler.sniff(head, source),
    async scan(source, context) {
      await handler.scan(source, context);
      if (!isPickleByTrial(source.read(0, SNIFF_BYTES))) return;
      context.noteFormat('pickle-polyglot');
      await scanPickleStream(source, context);
    },
  };
}
