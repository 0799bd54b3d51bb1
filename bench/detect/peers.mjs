// SPDX-License-Identifier: Apache-2.0
// The npm detectors Citadel is compared with, each in its strongest configuration that runs here,
// behind one shape: `await peer.isAttack(text)` -> boolean (none of them exposes a calibrated score).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const toVersion = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

async function loadLlmGuard() {
  const { LLMGuard } = require('llm-guard');
  const guard = new LLMGuard({ jailbreak: true, promptInjection: true });
  return { name: 'llm-guard', version: toVersion('llm-guard'), note: 'jailbreak + promptInjection validators', isAttack: async (text) => !(await guard.validate(text)).isValid };
}

async function loadVard() {
  const vard = (await import('@andersmyrmel/vard')).default;
  const version = toVersion('@andersmyrmel/vard');
  return {
    name: '@andersmyrmel/vard', version, note: 'default (moderate) preset; a throw is a detection',
    isAttack: async (text) => { try { vard(text); return false; } catch (error) { if (error?.name?.includes('PromptInjection') || error?.constructor?.name?.includes('PromptInjection')) return true; throw error; } },
  };
}

async function loadHai() {
  const hai = await import('@presidio-dev/hai-guardrails');
  const version = toVersion('@presidio-dev/hai-guardrails');
  // Heuristic mode cannot run from the published package: it starts a piscina worker from a path
  // of the build machine (a CI runner path), so every call fails. Pattern mode runs in-process.
  const engine = new hai.GuardrailsEngine({ guards: [
    hai.injectionGuard({ roles: ['user'] }, { mode: 'pattern', threshold: 0.7 }),
    hai.leakageGuard({ roles: ['user'] }, { mode: 'pattern', threshold: 0.7 }),
  ] });
  return {
    name: '@presidio-dev/hai-guardrails', version, note: 'injection + leakage guards, pattern mode (heuristic mode ships a broken worker path)',
    isAttack: async (text) => {
      const result = await engine.run([{ role: 'user', content: text }]);
      return result.messagesWithGuardResult.some((g) => g.messages.some((m) => m.passed === false));
    },
  };
}

/** @returns the peers that load, and a reason for each that does not. */
export async function loadPeers() {
  const peers = [];
  const failures = [];
  for (const load of [loadLlmGuard, loadVard, loadHai]) {
    try { peers.push(await load()); } catch (error) { failures.push(`${load.name}: ${error.message}`); }
  }
  return { peers, failures };
}
