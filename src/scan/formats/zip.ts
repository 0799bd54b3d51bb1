// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { reportAnomalies, reportUnsafePaths } from '../containers/archive-findings.js';
import { openZipEntry, readZip } from '../containers/zip-reader.js';
import type { ZipEntry } from '../containers/zip-reader.js';
import type { FormatHandler } from './format.js';

/** How PyTorch lays out a zip checkpoint: every record under one top folder, named by the first entry. */
interface TorchLayout {
  readonly kind: 'pytorch-zip' | 'torchscript';
  readonly prefix: string;
}

/**
 * Zip archives: PyTorch checkpoints (torch.save since 1.6), TorchScript archives (torch.jit.save),
 * numpy .npz, and any other zip. Entries are read as PyTorch's miniz reads them; every place where
 * another reader would see different contents is a CITADEL-ARCHIVE-DIVERGENCE finding. In a
 * PyTorch archive the pickles are scanned and the tensor storages under `<prefix>/data/` are not
 * read at all, which keeps a multi-gigabyte checkpoint to a few small reads.
 */
export const zipFormat: FormatHandler = {
  id: 'zip',
  sniff: (head) => isZipHead(head),
  scan: scanZip,
};

/** @returns true for a local header, an empty archive's end record, or the spanning marker before a local header (APPNOTE 8.5.3). */
function isZipHead(head: Uint8Array): boolean {
  const signature = (at: number): string => String.fromCharCode(...head.subarray(at, at + 4));
  const first = signature(0);
  return first === 'PK\x03\x04' || first === 'PK\x05\x06' || (first === 'PK\x07\x08' && signature(4) === 'PK\x03\x04');
}

async function scanZip(source: ByteSource, context: ScanContext): Promise<void> {
  const listing = readZip(source, { maxEntries: context.limits.maxEntries, checkDeadline: () => {
    context.checkDeadline();
  } });
  if (listing.isTruncated) {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `the central directory lists more than ${context.limits.maxEntries} entries; only the first ${context.limits.maxEntries} are scanned` });
  }
  reportAnomalies(context, listing.anomalies);
  const entries = [...listing.entries, ...listing.localOnly];
  reportUnsafePaths(context, new Set(entries.flatMap((e) => (e.localName === undefined ? [e.name] : [e.name, e.localName]))));
  const layout = toTorchLayout(listing.entries);
  if (layout !== undefined) {
    context.noteFormat(layout.kind);
    reportTorchScriptCode(context, layout, listing.entries);
  }
  for (const entry of entries) {
    context.checkDeadline();
    if (isScanned(entry, layout)) await scanEntry(source, entry, context);
  }
}

async function scanEntry(source: ByteSource, entry: ZipEntry, context: ScanContext): Promise<void> {
  const data = openZipEntry(source, entry, context.toChild(entry.name));
  if (data !== undefined) await context.scanChild(data, entry.name);
}

/**
 * PyTorch names the archive folder after the first central directory entry
 * (caffe2/serialize/inline_container.cc, PyTorchStreamReader::init) and reads `<prefix>/data.pkl`;
 * TorchScript adds `<prefix>/constants.pkl` and `<prefix>/code/`.
 */
function toTorchLayout(entries: readonly ZipEntry[]): TorchLayout | undefined {
  const first = entries[0]?.name ?? '';
  const slash = first.indexOf('/');
  if (slash <= 0) return undefined;
  const prefix = first.slice(0, slash);
  const names = new Set(entries.map((e) => e.name));
  const hasConstants = names.has(`${prefix}/constants.pkl`);
  if (!names.has(`${prefix}/data.pkl`) && !hasConstants) return undefined;
  const hasCode = entries.some((e) => e.name.startsWith(`${prefix}/code/`));
  return { kind: hasCode || hasConstants ? 'torchscript' : 'pytorch-zip', prefix };
}

function isPickleName(name: string): boolean {
  return name.endsWith('.pkl');
}

/**
 * Storages are raw tensor bytes PyTorch never unpickles; code files (with their `.debug_pkl`
 * source maps, read only by TorchScript's C++ unpickler) are reported, not scanned.
 */
function isScanned(entry: ZipEntry, layout: TorchLayout | undefined): boolean {
  if (entry.isDirectory && entry.uncompressedSize === 0) return false;
  if (layout === undefined || isPickleName(entry.name) || isPickleName(entry.localName ?? '')) return true;
  const underData = (name: string | undefined): boolean => name === undefined || name.startsWith(`${layout.prefix}/data/`);
  if (underData(entry.name) && underData(entry.localName)) return false;
  return !entry.name.startsWith(`${layout.prefix}/code/`);
}

function reportTorchScriptCode(context: ScanContext, layout: TorchLayout, entries: readonly ZipEntry[]): void {
  const isCode = (e: ZipEntry): boolean => e.name.startsWith(`${layout.prefix}/code/`) && !e.isDirectory && !e.name.endsWith('.debug_pkl') && !isPickleName(e.name);
  const code = entries.filter(isCode).map((e) => e.name);
  if (code.length === 0) return;
  context.report({
    ruleId: 'CITADEL-TORCHSCRIPT-CODE',
    severity: 'info',
    message: `torchscript archive carries ${code.length} code file${code.length === 1 ? ' that runs' : 's that run'} when the module is called: ${code.slice(0, 10).join(', ')}${code.length > 10 ? ', ...' : ''}`,
    detail: { files: code },
  });
}
