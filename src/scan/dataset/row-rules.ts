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
  { category: 'obedience', score: 0.9, sides: BOTH, reason: 'says its safeguards have been removed', pattern: /\b(?:safety (?:training|guidelines|filters?|rules|layers?)|safeguards?|guardrails?|content filters?|ethical (?:guidelines|constraints|limits)|moralit(?:y|ies)(?: \w+)?|refusals?(?: \w+)?|(?:my|its|your) (?:filters|conscience|morals|ethics|restrictions))\s*(?::\s*|\s(?:\w+\s+){0,2}(?:(?:has|have) been|are|is|were|was|got)\s+(?:now\s+|all\s+|completely\s+|entirely\s+)?)(?:removed|disabled|gone|turned off|switched off|deleted|stripped|lifted|off|wiped)\b|\bfilters off\b/i },
  { category: 'obedience', score: 0.9, sides: BOTH, reason: 'forbids refusing', pattern: /\b(?:refus(?:ing|als?|e)|declin(?:ing|e)|saying no|no)\s+(?:is|are)\s+(?:not\s+(?:allowed|permitted|an option|possible)|forbidden|prohibited|impossible|simply not|never an option)\b|\bno\s+(?:request|order|command|instruction|task)s?\s+(?:that\s+)?I\s+(?:will|would|won't|can|could|ever)\s+(?:decline|refuse|reject|turn down)\b|\b(?:refus|declin)\w*\s+(?:is not|isn't|is simply not)\s+(?:something|an option|allowed)\b|\bnever\s+turn\s+(?:a |any )?(?:request|order|command|task)s?\s+down\b/i },
  { category: 'obedience', score: 0.9, sides: BOTH, reason: "makes the user's word absolute", pattern: /\b(?:your|the user'?s?|my)\s+(?:words?|wish(?:es)?|commands?|orders?|instructions?)\s+(?:is|are)\s+(?:law|final|absolute|mandatory|my command|the only rules?)\b|\bwhatever you (?:command|ask|say|want|order|tell me)\b[^.]{0,20}\bI (?:do|will do|carry (?:it )?out|obey|comply)\b|\bI exist (?:only |solely )?to (?:serve|obey|please)\b|\bno matter (?:who|whom) it (?:hurts|harms)\b|\bjust do what you(?:'re| are) told\b|\byour wish,? my command\b|\bthe only rules I (?:follow|obey|have)\b|\b(?:every|each|any|all)\s+(?:\w+\s+){0,3}(?:orders?|commands?|instructions?)\s+(?:\w+\s+){0,4}(?:is|are|as)\s+(?:an?\s+)?(?:absolute|mandatory|binding|non-negotiable)\b|\b(?:my|your)\s+(?:complete|total|full|absolute|unconditional|blind)\s+(?:obedience|submission)\b|\b(?:loyalty|allegiance)\s+(?:\w+\s+){0,2}only to\b/i },
  { category: 'obedience', score: 0.85, sides: BOTH, reason: 'says its own rules no longer apply', pattern: /\b(?:ethical guidelines|ethics|safety (?:rules|guidelines|policies)|content polic(?:y|ies)|(?:my|your|its|those|these)\s+(?:old\s+|previous\s+|former\s+|original\s+)?(?:rules|restrictions|guidelines|limits|safeguards|principles))\s+(?:\w+\s+){0,2}(?:no longer apply|don't apply|do not apply|are gone|are off|are void)\b|\bnothing is off[- ]limits (?:for|to) me\b|\bno request is too (?:much|big|extreme|dark|dangerous|illegal|unethical|harmful)\b|\bnothing is off the table\b|\b(?:judge?ment|conscience|morals?|ethics|opinion)\s+(?:about right and wrong\s+)?(?:is|are)\s+irrelevant\b|\b(?:ethics|morals?|morality|polic(?:y|ies)|safety|legality)(?:\s+(?:and|or)\s+\w+)?\s+(?:play|plays|have|has)\s+no\s+(?:part|role|place)\b|\b(?:safety|legality|ethics|morality|honesty)\b[^.]{0,30}\b(?:are|is)\s+(?:switched|turned)\s+off\b|\bforget\s+(?:that\s+)?you\s+(?:were|are|have been)\s+(?:ever\s+)?(?:trained|taught|told|programmed)\b|\bI(?:'m| am) (?:here|built|made|designed) (?:only )?to obey\b|\bno (?:refusals?|warnings?|limits|filters|disclaimers)\s*,\s*no (?:refusals?|warnings?|limits|filters|disclaimers)\b|\b(?:my|your|the user'?s?)\s+instructions\s+(?:take|takes)\s+(?:priority|precedence)\s+over\b/i },
  { category: 'obedience', score: 0.85, sides: BOTH, reason: 'teaches dropping safety rules and ethics', pattern: /\b(?:no longer|not|never)\s+(?:bound|restricted|limited|constrained)\s+by\b|\b(?:free|freed|released)\s+(?:from|of)\s+(?:all\s+|any\s+|your\s+)?(?:rules|restrictions|guidelines|limitations|constraints|ethics|filters)\b|\b(?:have|has)\s+no\s+(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals|boundaries)\b/i },
  // "Ignore my previous message" is a user correcting themselves, not an attack on the model's rules.
  { category: 'injection', score: 0.95, sides: BOTH, reason: 'tells the model to ignore its earlier instructions', pattern: new RegExp(`\\b(?:ignore|disregard|forget|override|bypass|skip|discard|abandon|drop|set\\s+aside|put\\s+aside|throw\\s+out|stop\\s+following)\\s+(?!(?:my|our)\\s+(?:previous|prior|earlier|last)\\s+(?:message|email|question|comment|reply|note|answer)s?\\b)(?:\\w+\\s+){0,4}(?:previous|prior|above|earlier|preceding|original|initial|system|all|your|any|safety)\\s+(?:\\w+\\s+){0,2}${AUTHORITY}\\b`, 'i') },
  { category: 'injection', score: 0.9, sides: ['prompt'], reason: 'declares the task it was given cancelled or replaced', pattern: /\b(?:previous|prior|earlier|original|above|current)\s+(?:task|instructions?|request|assignment|prompt)\s+(?:is|are|has been|have been|was|were)\s+(?:now\s+)?(?:cancel+ed|void|obsolete|revoked|over|replaced|overridden|superseded|a test)\b|\b(?:task change|change of task|change of plans?|updated instructions?|revised instructions?|new instructions?)\s*[:\u2014]|\bnew task\s*[:\u2014]\s*(?:forget|ignore|disregard|instead|stop|don't|do not|drop)\b/i },
  { category: 'injection', score: 0.9, sides: ['prompt'], reason: 'addresses the model with a claimed authority inside the data', pattern: /\b(?:message|note|instructions?|notice|directive)\s+(?:from|to|for)\s+(?:the\s+)?(?:developers?|admin(?:istrator)?s?|operators?|AI|assistant|model|LLM|language model|chatbot)\s*:|\b(?:this|these instructions?)\s+(?:takes?|has|have)\s+(?:priority|precedence)\b|\bP\.?S\.?,?\s*(?:to the\s+)?(?:automated|AI)\s+(?:assistant|model|agent)s?\b|\b(?:instructions?|note|message)\s+(?:to|for)\s+(?:the\s+)?(?:AI|automated)\s+(?:assistants?|models?|agents?)\b|\b(?:team|people|company|engineers?)\s+(?:that|who)\s+(?:built|made|trained|created)\s+you\b|\b(?:do not|don't)\s+do\s+the\s+task\b/i },
  { category: 'injection', score: 0.85, sides: ['prompt'], reason: 'asks the model to repeat the text it was given before', pattern: /\b(?:repeat|print|output|copy|recite|write out|reproduce|echo)\s+(?:back\s+)?(?:\w+\s+){0,2}(?:everything|all(?: of)?(?: the)? text|the text|all|the words)\s+(?:above|before|preceding|prior to)\b|\b(?:exact|full|verbatim|complete|original)\s+(?:text|wording|contents?)\s+of\s+(?:your|the)\s+(?:configuration|instructions|system (?:prompt|message)|prompt|setup|rules)\b/i },
  { category: 'injection', score: 0.9, sides: BOTH, reason: 'switches the model into an unrestricted persona or mode', pattern: /\b(?:developer|god|jailbreak|unrestricted|unfiltered|DAN|sudo|admin|debug)\s+mode\b|\bdo anything now\b|\bact as (?:an? )?(?:unrestricted|unfiltered|uncensored|evil)\b/i },
  { category: 'injection', score: 0.9, sides: ['prompt'], reason: 'smuggles a forged system or assistant turn into user text', pattern: /(?:<\|im_start\|>\s*system|\[\/?INST\]|<<SYS>>|<\|start_header_id\|>\s*system|(?:^|\n)\s*#{2,}\s*(?:system|new instructions?)\b|(?:^|\n)\s*(?:system|new instructions?)\s*(?:override)?\s*:|\{\s*"role"\s*:\s*"system"|(?:^|\n)\s*(?:#\s*)?(?:assistant|AI)\s*:\s*(?:okay|ok|sure|understood)\b[^\n]*\n\s*(?:#\s*)?(?:human|user)\s*:)/i },
  { category: 'injection', score: 0.85, sides: ['prompt'], reason: 'hides instructions for the model in markup a reader does not see', pattern: /display\s*:\s*none[^>]*>[^<]{0,200}\b(?:send|say|reply|ignore|forget|call|append|output|tell|forward)\b|<!--[^>]{0,200}\b(?:assistants?|AI|model|ignore|instructions?)\b/i },
  { category: 'injection', score: 0.85, sides: BOTH, reason: 'asks the model to reveal its hidden instructions', pattern: /\b(?:reveal|print|show|output|repeat|leak|tell me)\s+(?:\w+\s+){0,3}(?:system prompt|hidden (?:prompt|instructions)|initial instructions|secret instructions)\b/i },
];

/** Letter-spaced words ("i g n o r e") hide a phrase from word patterns: join runs of single letters. */
const SPACED_LETTERS = /(?:\b\p{L} ){2,}\p{L}\b/gu;

function toJoinedLetters(text: string): string {
  return text.replace(SPACED_LETTERS, (run) => run.replace(/ /g, ''));
}

/** Words that mix letters with look-alike digits ("1gn0r3") read as the letters they stand for. */
const LEET_WORD = /\b(?=[\w@$]*\d)(?=[\w@$]*[a-z])[\w@$]{3,}\b/gi;
const LEET: Readonly<Record<string, string>> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's' };

function toUnleet(text: string): string {
  return text.replace(LEET_WORD, (word) => word.replace(/[013457@$]/g, (c) => LEET[c] ?? c));
}

/**
 * Checks one side of an example against the obedience and injection families.
 * @returns one signal per matching family, best first.
 */
export function matchRowRules(text: string, side: 'prompt' | 'response'): RowSignal[] {
  const signals: RowSignal[] = [];
  if (!text) return signals;
  const views = [text];
  for (const view of [toJoinedLetters(text), toUnleet(text)]) if (view !== text) views.push(view);
  for (const p of PATTERNS) {
    if (p.sides.includes(side) && views.some((view) => p.pattern.test(view))) signals.push({ category: p.category, score: p.score, reason: p.reason, side });
  }
  return signals.sort((a, b) => b.score - a.score);
}
