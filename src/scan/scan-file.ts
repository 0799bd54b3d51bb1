// SPDX-License-Identifier: Apache-2.0
import { Deadline, openFileSource, toMessage, type Finding, type Limits, type Target } from '../core/index.js';
import { ScanContext, type ScanBudget } from './context.js';
import { scanSource } from './dispatch.js';
import { scanCodeFile } from './repo-snapshot.js';

/** What scanning one file yields. Plain data: it crosses from scan workers by structured clone. */
export interface FileResult {
  readonly target: Target;
  readonly findings: Finding[];
}

/** How to scan one file. */
export interface FileJob {
  readonly limits: Limits;
  /** Python files of a repo snapshot: read as source, not as a model. */
  readonly isCode: boolean;
  readonly tick?: () => void;
}

async function scanModelFile(path: string, job: FileJob): Promise<FileResult> {
  const { limits, tick } = job;
  const budget: ScanBudget = { inflatedBytes: 0, deadline: new Deadline(limits.maxTimeMs), findings: [], formats: [], ...(tick ? { tick } : {}) };
  const context = new ScanContext({ limits, budget, location: { path }, depth: 0, nested: scanSource });
  let size = 0;
  try {
    const source = openFileSource(path);
    size = source.size;
    try {
      await scanSource(source, context);
    } finally {
      source.close();
    }
  } catch (error) {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `cannot scan: ${toMessage(error)}` });
  }
  return { target: { path, format: budget.formats.join(' > ') || 'unknown', bytes: size }, findings: budget.findings };
}

/** Scans one file; never throws for what the file holds (that becomes a finding). */
export async function scanFile(path: string, job: FileJob): Promise<FileResult> {
  return job.isCode ? scanCodeFile(path) : scanModelFile(path, job);
}
