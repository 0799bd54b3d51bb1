// SPDX-License-Identifier: Apache-2.0
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isCitadelError, toMessage } from '../../core/index.js';
import { DetectError, detect, type Verdict } from '../../detect/index.js';
import { VERBS } from './verbs.js';

interface DetectFlags {
  readonly input?: string;
  readonly json?: boolean;
  readonly failOn?: string;
  readonly canary?: string[];
}

const VERDICTS = ['attack', 'leak'] as const;

function toFailOn(value: string | undefined): readonly string[] {
  if (value === undefined) return [];
  const wanted = value.split(',').map((v) => v.trim());
  for (const v of wanted) {
    if (!(VERDICTS as readonly string[]).includes(v)) throw new DetectError('DETECT_USAGE', `--fail-on expects attack or leak (or both, comma-separated), got ${JSON.stringify(value)}`);
  }
  return wanted;
}

/** @returns the text of one input line: a JSON object's `text`, or the line itself when it is not JSON. */
function toLineText(line: string): string {
  if (!line.trimStart().startsWith('{')) return line;
  let value: unknown;
  try { value = JSON.parse(line); } catch (error) {
    throw new DetectError('DETECT_INPUT', 'expected a json object with a string "text" field, got malformed json', { cause: error });
  }
  const text = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['text'] : undefined;
  if (typeof text !== 'string') throw new DetectError('DETECT_INPUT', 'expected a json object with a string "text" field, got an object without one');
  return text;
}

function toErrorLine(error: unknown, line: number): string {
  const code = isCitadelError(error) ? error.code : 'DETECT_INPUT';
  return JSON.stringify({ error: { code, message: toMessage(error) }, line });
}

function toHuman(v: Verdict): string {
  const lines = [`${v.verdict} ${v.score.toFixed(3)}`];
  for (const d of v.detections) lines.push(`  ${d.ruleId} ${d.score.toFixed(2)} [${d.span.start}, ${d.span.end}) ${d.reason}`);
  return `${lines.join('\n')}\n`;
}

async function detectLines(source: string, options: { canaries: readonly string[]; failOn: readonly string[] }): Promise<boolean> {
  const stream = source === '-' ? process.stdin : createReadStream(source);
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let matched = false;
  let n = 0;
  for await (const line of reader) {
    n++;
    try {
      const verdict = detect(toLineText(line), { canaries: options.canaries });
      matched ||= options.failOn.includes(verdict.verdict);
      process.stdout.write(`${JSON.stringify(verdict)}\n`);
    } catch (error) {
      process.stdout.write(`${toErrorLine(error, n)}\n`);
    }
  }
  return matched;
}

/** `citadel detect [TEXT] [--input FILE|-]`: exit 1 when a verdict matches --fail-on, 2 on usage or I/O errors. */
export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description(VERBS.detect.summary)
    .argument('[text]', 'text to check (or use --input)')
    .option('--input <file>', 'read one text per line: a JSON object with a "text" field, or plain text; "-" is stdin')
    .option('--json', 'print the verdict as JSON (always on with --input: one object per input line)')
    .option('--fail-on <verdicts>', 'exit 1 when a verdict is attack or leak (comma-separated for both)')
    .option('--canary <token...>', 'canary tokens planted in the system prompt')
    .action(async (text: string | undefined, flags: DetectFlags) => {
      const failOn = toFailOn(flags.failOn);
      const canaries = flags.canary ?? [];
      if ((text === undefined) === (flags.input === undefined)) throw new DetectError('DETECT_USAGE', 'expected either TEXT or --input FILE, got ' + (text === undefined ? 'neither' : 'both'));
      if (flags.input !== undefined) {
        if (await detectLines(flags.input, { canaries, failOn })) process.exitCode = 1;
        return;
      }
      const verdict = detect(text ?? '', { canaries });
      process.stdout.write(flags.json ? `${JSON.stringify(verdict)}\n` : toHuman(verdict));
      if (failOn.includes(verdict.verdict)) process.exitCode = 1;
    });
}
