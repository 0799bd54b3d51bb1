// SPDX-License-Identifier: Apache-2.0
import { LEAK_CATEGORIES, redact, scanLeaks, type Detection, type LeakCategory } from '../../detect/index.js';
import type { Action, Policy } from '../config/schema.js';
import { toDetectionAction } from '../keys/policy.js';
import { scanRequestText } from './detectors.js';
import type { JsonPath, TextSlot } from './text-slots.js';

export type Direction = 'request' | 'response';

/** A detection with what the policy did about it, as the audit trail and metrics record it. */
export interface JudgedDetection {
  readonly ruleId: string;
  readonly category: string;
  readonly score: number;
  readonly action: Action;
  readonly direction: Direction;
  readonly role: string;
}

/** What the gateway decided about a set of texts. */
export interface Judgement {
  readonly verdict: 'allow' | 'redact' | 'block';
  readonly detections: readonly JudgedDetection[];
  /** New text per slot for the redacted ones, to be written back into the body. */
  readonly rewrites: readonly { readonly path: JsonPath; readonly text: string }[];
}

const LEAKS = new Set<string>(LEAK_CATEGORIES);

/** @returns `spans` (sorted, possibly overlapping) removed from `text`, and a map from old to new offsets. */
function stripSpans(text: string, spans: readonly { start: number; end: number }[]): { text: string; toNew: (i: number) => number } {
  const merged: { start: number; end: number }[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  let out = '';
  let at = 0;
  for (const m of merged) { out += text.slice(at, m.start); at = m.end; }
  out += text.slice(at);
  const toNew = (i: number): number => {
    let removed = 0;
    for (const m of merged) {
      if (m.start >= i) break;
      removed += Math.min(i, m.end) - m.start;
    }
    return i - removed;
  };
  return { text: out, toNew };
}

/**
 * Applies the redact-action detections: hidden characters are cut out, leak spans become
 * `[REDACTED:<category>]` (the same text the stream scanner produces).
 * @returns the redacted text.
 */
export function redactDetections(text: string, detections: readonly Detection[]): string {
  const hidden = detections.filter((d) => d.category === 'hidden');
  const leaks = detections.filter((d) => LEAKS.has(d.category));
  if (!hidden.length) return redact(text, leaks);
  const stripped = stripSpans(text, hidden.map((d) => d.span));
  const moved = leaks.map((d) => ({ ...d, span: { start: stripped.toNew(d.span.start), end: stripped.toNew(d.span.end) } }));
  return redact(stripped.text, moved);
}

function toJudged(d: Detection, action: Action, slot: { direction: Direction; role: string }): JudgedDetection {
  return { ruleId: d.ruleId, category: d.category, score: Math.round(d.score * 1000) / 1000, action, direction: slot.direction, role: slot.role };
}

/** Judges each slot's detections under `policy`. @returns the verdict, detections and rewrites. */
function judgeDetections(slots: readonly TextSlot[], found: readonly (readonly Detection[])[], options: { policy: Policy; direction: Direction }): Judgement {
  const detections: JudgedDetection[] = [];
  const rewrites: { path: JsonPath; text: string }[] = [];
  let blocked = false;
  for (const [i, slot] of slots.entries()) {
    const toRedact: Detection[] = [];
    for (const d of found[i] ?? []) {
      const action = toDetectionAction(options.policy, d);
      detections.push(toJudged(d, action, { direction: options.direction, role: slot.role }));
      if (action === 'block') blocked = true;
      else if (action === 'redact') toRedact.push(d);
    }
    if (toRedact.length) rewrites.push({ path: slot.path, text: redactDetections(slot.text, toRedact) });
  }
  const verdict: Judgement['verdict'] = blocked ? 'block' : rewrites.length ? 'redact' : 'allow';
  return { verdict, detections, rewrites: verdict === 'block' ? [] : rewrites };
}

/**
 * Runs every detector on each request text (attacks and leaks); `scope` (the key id) scopes the
 * cache of texts seen before. @returns the judgement.
 */
export function judgeRequest(slots: readonly TextSlot[], policy: Policy, scope: string): Judgement {
  return judgeDetections(slots, slots.map((s) => scanRequestText(s.text, scope)), { policy, direction: 'request' });
}

/**
 * Runs the leak detectors on each response text, with the request's canaries.
 * @returns the judgement.
 */
export function judgeResponse(slots: readonly TextSlot[], policy: Policy, canaries: readonly string[]): Judgement {
  const categories: LeakCategory[] = [...LEAK_CATEGORIES] as LeakCategory[];
  return judgeDetections(slots, slots.map((s) => scanLeaks(s.text, { categories, canaries })), { policy, direction: 'response' });
}
