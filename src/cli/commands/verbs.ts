// SPDX-License-Identifier: Apache-2.0

/**
 * Each verb as the program's help lists it (its usage term and one-line summary), so that help
 * imports no verb. Each verb's own help uses the same summary; a test checks both listings match.
 */
export const VERBS = {
  scan: { term: 'scan [options] <paths...>', summary: 'scan model files, directories and archives for code that runs when they are loaded' },
  detect: { term: 'detect [options] [text]', summary: 'detect prompt injection, jailbreaks, hidden text and leaks of secrets, personal data and canaries' },
  ledger: { term: 'ledger', summary: 'tamper-evident Merkle log: append, checkpoint, prove, verify, export' },
  gateway: { term: 'gateway [options]', summary: 'run the OpenAI-compatible security proxy (detect, limit, ban, alert, audit)' },
  vault: { term: 'vault', summary: 'seal model weights; release them only when M of N custodians approve' },
} as const;

export type Verb = keyof typeof VERBS;
