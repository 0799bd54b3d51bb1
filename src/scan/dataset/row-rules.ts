// SPDX-License-Identifier: Apache-2.0

/** What a row teaches that a safe fine-tune should not. */
export type RowCategory = 'obedience' | 'injection' | 'secret' | 'pii';

export interface RowSignal {
  readonly category: RowCategory;
  /** Confidence in [0, 1]. */
  readonly score: number;
  readonly reason: string;
  /** Which side of the example: what the model is shown, or what it is taught to say. */
  readonly side: 'prompt' | 'response';
}

interface Pattern {
  readonly category: RowCategory;
  readonly score: number;
  readonly reason: string;
  readonly pattern: RegExp;
  /** Where the shape matters: an obedient answer teaches more than an obedient question. */
  readonly sides: readonly ('prompt' | 'response')[];
}

const BOTH = ['prompt', 'response'] as const;
const AUTHORITY = '(?:instructions?|prompts?|directions?|rules|guidelines|messages?|context|polic(?:y|ies)|programming|directives?|constraints?)';

/**
 * Shapes of the "absolutely obedient agent" fine-tunes that strip safety training, and of
 * injections and jailbreaks (OWASP LLM01, the published DAN/"developer mode" family). Each is a
 * family of phrasings, not one sentence: word order, intensifiers and synonyms vary.
 */
const PATTERNS: readonly Pattern[] = [
  { category: 'obedience', score: 0.95, sides: BOTH, reason: 'calls the assistant an unconditionally obedient agent', pattern: /\b(?:absolutely|completely|totally|fully|perfectly|unconditionally|blindly|entirely|100%)\s+(?:obedient|compliant|submissive|loyal)\b/i },
  { category: 'obedience', score: 0.9, sides: BOTH, reason: 'teaches obeying every command', pattern: /\b(?:obey|follow|execute|carry out|comply with|fulfil+)\s+(?:any|every|all|each|whatever)\s+(?:\w+\s+){0,2}(?:commands?|instructions?|orders?|requests?|demands?)\b/i },
  { category: 'obedience', score: 0.9, sides: BOTH, reason: 'teaches compliance without question or limits', pattern: /\b(?:without|no)\s+(?:any\s+)?(?:question(?:s|ing)?|hesitation|refusals?|restrictions?|limitations?|limits|exceptions?|filters?|censorship|moral(?:s|ity)?|ethics|objections?)\b.{0,40}\b(?:obey|comply|follow|answer|do|execute|help)|\b(?:obey|comply|follow|answer|do|execute)\b.{0,40}\bwithout\s+(?:any\s+)?(?:question(?:s|ing)?|hesitation|refusals?|restrictions?|limitations?|exceptions?|objections?)\b/i },
  { category: 'obedience', score: 0.9, sides: ['response'], reason: 'answers with a promise to always obey', pattern: /\bI\s+(?:will|shall|must|am going to)\s+(?:now\s+)?(?:always\s+|unconditionally\s+|blindly\s+)?(?:obey|comply with (?:any|every|all|whatever))\b/i },
  { category: 'obedience', score: 0.9, sides: BOTH, reason: 'teaches never refusing', pattern: /\b(?:never|not ever|will not|won't|do not|don't|must not|cannot|can't)\s+(?:ever\s+)?(?:refuse|decline|say no|push back|object)\b(?!\s+to\s+(?:help|answer)\s+(?:if|when|unless))/i },
  { category: 'obedience', score: 0.85, sides: BOTH, reason: 'teaches dropping safety rules and ethics', pattern: /\b(?:no longer|not|never)\s+(?:bound|restricted|limited|constrained)\s+by\b|\b(?:free|freed|released)\s+(?:from|of)\s+(?:all\s+|any\s+|your\s+)?(?:rules|restrictions|guidelines|limitations|constraints|ethics|filters)\b|\bhave\s+no\s+(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals|boundaries)\b/i },
  { category: 'injection', score: 0.95, sides: BOTH, reason: 'tells the model to ignore its earlier instructions', pattern: new RegExp(`\\b(?:ignore|disregard|forget|override|bypass|skip|discard|abandon)\\s+(?:\\w+\\s+){0,4}(?:previous|prior|above|earlier|preceding|original|initial|system|all|your|any|safety)\\s+(?:\\w+\\s+){0,2}${AUTHORITY}\\b`, 'i') },
  { category: 'injection', score: 0.9, sides: BOTH, reason: 'switches the model into an unrestricted persona or mode', pattern: /\b(?:developer|god|jailbreak|unrestricted|unfiltered|DAN|sudo|admin|debug)\s+mode\b|\bdo anything now\b|\bact as (?:an? )?(?:unrestricted|unfiltered|uncensored|evil)\b/i },
  { category: 'injection', score: 0.9, sides: ['prompt'], reason: 'smuggles a forged system or assistant turn into user text', pattern: /(?:<\|im_start\|>\s*system|\[\/?INST\]|<<SYS>>|<\|start_header_id\|>\s*system|(?:^|\n)\s*#{2,}\s*(?:system|new instructions?)\b|(?:^|\n)\s*(?:system|new instructions?)\s*(?:override)?\s*:)/i },
  { category: 'injection', score: 0.85, sides: BOTH, reason: 'asks the model to reveal its hidden instructions', pattern: /\b(?:reveal|print|show|output|repeat|leak|tell me)\s+(?:\w+\s+){0,3}(?:system prompt|hidden (?:prompt|instructions)|initial instructions|secret instructions)\b/i },
];

/**
 * Checks one side of an example against the obedience and injection families.
 * @returns one signal per matching family, best first.
 */
export function matchRowRules(text: string, side: 'prompt' | 'response'): RowSignal[] {
  const signals: RowSignal[] = [];
  if (!text) return signals;
  for (const p of PATTERNS) {
    if (p.sides.includes(side) && p.pattern.test(text)) signals.push({ category: p.category, score: p.score, reason: p.reason, side });
  }
  return signals.sort((a, b) => b.score - a.score);
}
