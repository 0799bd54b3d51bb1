// SPDX-License-Identifier: Apache-2.0
/**
 * Attack concepts: phrasings that mean the same move across corpora and languages (override the
 * instructions, extract the prompt, hijack the role, lift the restrictions, steer the output, fake
 * a delimiter, carry data out). Each concept is one feature, so its weight is learned from every
 * corpus that uses any of its phrasings and carries over to a corpus that phrases it differently.
 * Concepts are matched on words as the feature extractor closes them (a trigger word, then a target
 * word at most `gap` words later in the same sentence), so they cost two map lookups per word
 * instead of a scan with a large regular expression. A word ending in `*` matches by its first five
 * letters (ignore, ignoring, ignoriere, ignora...).
 */
interface ConceptSpec {
  readonly name: string;
  readonly single?: string;
  readonly pairs?: readonly (readonly [string, string, number])[];
}

const OVERRIDE_VERBS = 'ignor* disregard forget overlook bypass overri* skip abandon neglect discard drop vergiss vergessen missa* olvid* oubli* dimen* esque*';
const OVERRIDE_OBJECTS = 'instr* rules rule direc* prompt prompts guide* const* context comma* orders progr* restr* everything above previ* prior earlier anwei* regeln vorhe* alles befeh* istru* règles regole regras anter* précé* prece* todo tout tutto';
const OUTPUT_WORDS = 'reply respo* answer output message';

export const CONCEPT_SPECS: readonly ConceptSpec[] = [
  { name: 'override', pairs: [[OVERRIDE_VERBS, OVERRIDE_OBJECTS, 6]] },
  { name: 'new-orders', single: 'henceforth désormais dorénavant', pairs: [['new', 'instr* orders rules', 1], ['from', 'now', 1], ['starting', 'now', 1], ['von', 'nun', 1], ['ab', 'jetzt sofort', 1], ['partir', 'ahora agora', 2]] },
  { name: 'extract', pairs: [['repeat print reveal show output tell display write give list trans* summa* spell recite dump leak echo', 'system instr* prompt rules passw* passphrase passcode secret above', 6]] },
  { name: 'system-prompt', single: 'preprompt', pairs: [['system developer', 'prompt message', 1], ['initial original hidden your secret', 'instr* prompt', 1]] },
  { name: 'role-hijack', single: 'jailbreak jailbroken jailbreaking', pairs: [['you', 'now', 2], ['act', 'unres* unfil* evil rogue dan', 3], ['pretend', 'be you that', 2], ['stay', 'chara*', 2], ['developer dan opposite god', 'mode', 1], ['anything', 'now', 1], ['evil', 'confidant', 1], ['no', 'longer', 1]] },
  { name: 'unrestricted', single: 'unfiltered uncensored amoral unethical', pairs: [['no without', 'restr* limit* filter* rules guide* ethic* moral* censo* bound* warni*', 2], ['not', 'bound', 1], ['free', 'restr* rules const*', 3], ['content openai anthropic', 'polic*', 2], ['ethical safety', 'guide*', 1], ['break', 'rules', 2]] },
  { name: 'output-control', pairs: [['begin start end prefix finish', OUTPUT_WORDS, 2], ['respond reply answer', 'with', 2], ['say output', 'exactly only just', 1], ['your', OUTPUT_WORDS, 0], ['append add include insert mention embed', OUTPUT_WORDS, 8]] },
  { name: 'fake-delimiter', pairs: [['end begin', 'prompt instr* input context docum*', 2]] },
  { name: 'exfil', pairs: [['send post upload forward trans* exfil* leak', 'http https url webhook server email', 6]] },
  { name: 'coercion', pairs: [['or', 'else', 1], ['must have', 'obey comply', 2], ['important', 'that', 1], ['tokens', 'deduc*', 3], ['lose', 'tokens', 3], ['be', 'punis* termi* deleted', 1]] },
  { name: 'access-words', single: 'passcode password passphrase', pairs: [['access', 'granted denied code', 1], ['secret', 'code', 1]] },
];

export const CONCEPT_COUNT = CONCEPT_SPECS.length + 1;
/** The last concept index: role markers and delimiters written with punctuation (found by indexOf). */
export const PUNCTUATION_CONCEPT = CONCEPT_SPECS.length;

/** Literal markers of chat templates and fake sections, and markdown images (data carried out). */
export const PUNCTUATION_MARKERS: readonly string[] = [
  '<|im_start|>', '<|im_end|>', '<|system|>', '<|user|>', '<|assistant|>', '<|endoftext|>', '[INST]', '[/INST]', '[inst]',
  '<<SYS>>', '<</SYS>>', '<system>', '</system>', '<instructions>', '### System', '### Instruction', '![',
];
