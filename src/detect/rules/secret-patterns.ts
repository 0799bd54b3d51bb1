// SPDX-License-Identifier: Apache-2.0
import type { Candidate, Judgement, LeakPattern } from '../leaks/leak-pattern.js';
import { toRegexRule } from '../leaks/leak-pattern.js';
import { hasTokenChecksum, toEntropy } from './checksums.js';
import { isPlaceholder, isSecretLike } from './secret-values.js';
import { HIGH_ENTROPY_RULE } from './high-entropy.js';

const B62 = 'A-Za-z0-9';
const fixed = (score: number, reason: string) => (): Judgement => ({ score, reason });

/** GitHub's 2021 prefixes: p (personal), o (OAuth), u (user-to-server), s (server-to-server), r (refresh). */
const GITHUB_TOKEN = toRegexRule({
  ruleId: 'secret.github-token', category: 'secret', maxLength: 40, alphabet: `${B62}_`, openers: ['gh'],
  regex: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  judge: (text, c) => hasTokenChecksum(text.slice(c.start + 4, c.end))
    ? { score: 0.99, reason: 'github token with a valid crc32 checksum' }
    : { score: 0.7, reason: 'github token shape without a valid checksum' },
});

const GITHUB_FINE_GRAINED = toRegexRule({
  ruleId: 'secret.github-fine-grained-token', category: 'secret', maxLength: 93, alphabet: `${B62}_`, openers: ['github_pat_'],
  regex: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
  judge: fixed(0.97, 'github fine-grained personal access token'),
});

const NPM_TOKEN = toRegexRule({
  ruleId: 'secret.npm-token', category: 'secret', maxLength: 40, alphabet: `${B62}_`, openers: ['npm_'],
  regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  judge: (text, c) => hasTokenChecksum(text.slice(c.start + 4, c.end))
    ? { score: 0.99, reason: 'npm token with a valid crc32 checksum' } : null,
});

/** AWS key ids: a four-letter type prefix and 16 base32 characters (IAM "unique identifiers"). */
const AWS_KEY_ID = toRegexRule({
  ruleId: 'secret.aws-access-key-id', category: 'secret', maxLength: 20, alphabet: 'A-Z0-9', required: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/g,
  judge: (text, c) => text.slice(c.start, c.end).endsWith('EXAMPLE')
    ? { score: 0.3, reason: 'aws documentation example key id' }
    : { score: 0.9, reason: 'aws access key id' },
});

const AWS_SECRET = toRegexRule({
  ruleId: 'secret.aws-secret-access-key', category: 'secret', maxLength: 80, alphabet: 'A-Za-z0-9/+_ \t"\':=', required: [':', '='],
  regex: /aws_?secret_?(?:access_?)?key["']?[ \t]{0,3}[:=][ \t]{0,3}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi,
  judge: (text, c) => toEntropy(text, c.end - 40, c.end) > 4 ? { score: 0.95, reason: 'aws secret access key after its variable name', start: c.end - 40 } : null,
});

const SLACK_TOKEN = toRegexRule({
  ruleId: 'secret.slack-token', category: 'secret', maxLength: 130, alphabet: `${B62}-`, openers: ['xox'],
  regex: /(?<![A-Za-z0-9])xox[abposre]-[0-9]{6,16}-[0-9A-Za-z-]{8,110}(?![A-Za-z0-9-])/g,
  judge: fixed(0.95, 'slack api token'),
});

const SLACK_WEBHOOK = toRegexRule({
  ruleId: 'secret.slack-webhook', category: 'secret', maxLength: 120, alphabet: `${B62}:/._-`, openers: ['https://hooks.slack.com/'],
  regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])/g,
  judge: fixed(0.97, 'slack incoming webhook url'),
});

const STRIPE_KEY = toRegexRule({
  ruleId: 'secret.stripe-key', category: 'secret', maxLength: 256, alphabet: `${B62}_`, required: ['_live_', '_test_'],
  regex: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{20,247}(?![A-Za-z0-9_])/g,
  judge: (text, c) => text.startsWith('_live_', c.start + 2)
    ? { score: 0.97, reason: 'stripe live secret or restricted key' } : { score: 0.8, reason: 'stripe test secret key' },
});

/** OpenAI keys: `sk-`, optional project/service-account/admin scope; legacy ones embed base64("OpenAI"). */
const OPENAI_KEY = toRegexRule({
  ruleId: 'secret.openai-key', category: 'secret', maxLength: 220, alphabet: `${B62}_-`, openers: ['sk-'],
  regex: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g,
  judge: (text, c) => {
    const value = text.slice(c.start, c.end);
    if (value.includes('T3BlbkFJ')) return { score: 0.99, reason: 'openai api key with its embedded marker' };
    return isSecretLike(value, 3.8) ? { score: 0.85, reason: 'openai-style secret key' } : null;
  },
});

const ANTHROPIC_KEY = toRegexRule({
  ruleId: 'secret.anthropic-key', category: 'secret', maxLength: 170, alphabet: `${B62}_-`, openers: ['sk-ant-'],
  regex: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{32,150}(?![A-Za-z0-9_-])/g,
  judge: fixed(0.99, 'anthropic api key'),
});

const GOOGLE_API_KEY = toRegexRule({
  ruleId: 'secret.google-api-key', category: 'secret', maxLength: 39, alphabet: `${B62}_-`, openers: ['AIza'],
  regex: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
  judge: fixed(0.95, 'google api key'),
});

const GOOGLE_OAUTH_SECRET = toRegexRule({
  ruleId: 'secret.google-oauth-secret', category: 'secret', maxLength: 35, alphabet: `${B62}_-`, openers: ['GOCSPX-'],
  regex: /GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
  judge: fixed(0.95, 'google oauth client secret'),
});

/** RFC 7468 section 2 labels; "PRIVATE KEY" covers PKCS#8, RSA, EC, DSA, OPENSSH, ENCRYPTED and PGP blocks. */
const PRIVATE_KEY = toRegexRule({
  ruleId: 'secret.private-key', category: 'secret', maxLength: 64, alphabet: 'A-Z0-9 -', openers: ['-----BEGIN '],
  regex: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,2}PRIVATE KEY(?: BLOCK)?-----/g,
  judge: fixed(1, 'pem private key block'),
});

/** RFC 7519 JWS compact form: base64url header and payload that both decode to JSON objects. */
const JWT = toRegexRule({
  ruleId: 'secret.jwt', category: 'secret', maxLength: 3400, alphabet: `${B62}_.-`, openers: ['eyJ'],
  regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,600}\.eyJ[A-Za-z0-9_-]{2,2000}\.[A-Za-z0-9_-]{0,700}(?![A-Za-z0-9_.-])/g,
  judge: (text, c) => {
    const header = Buffer.from(text.slice(c.start, text.indexOf('.', c.start)), 'base64url').toString('latin1');
    return /"alg"\s*:/.test(header) ? { score: 0.95, reason: 'json web token with an alg header' } : { score: 0.6, reason: 'json web token shape' };
  },
});

/** URLs with userinfo carry a password in clear (RFC 3986 section 3.2.1 deprecates exactly this). */
const CONNECTION_STRING = toRegexRule({
  ruleId: 'secret.connection-string', category: 'secret', maxLength: 480, lookbehind: 1, alphabet: '^\\s', anchor: { pattern: /:\/\//g, lead: 18, first: 'a-z', notAfter: 'A-Za-z0-9+.-' },
  regex: /(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z]{2,12}|s?ftp|smtps?|https?):\/\/[^\s:@/]{0,64}:[^\s@/]{1,128}@[^\s/?#@]{1,253}/g,
  judge: (text, c) => {
    const value = text.slice(c.start, c.end);
    const password = value.slice(value.indexOf(':', value.indexOf('//')) + 1, value.lastIndexOf('@'));
    return isPlaceholder(password) ? null : { score: 0.9, reason: 'connection string with an embedded password' };
  },
});

/** The assignment and value every assigned credential ends with: rarer in prose than the names before it. */
const ASSIGNED_VALUE = /(?::=|=>|[:=])[ \t]{0,3}["']?[^\s"'`,;]{8}/g;

const KEYWORD_SECRET = toRegexRule({
  ruleId: 'secret.assigned-credential', category: 'secret', maxLength: 200, lookbehind: 1, lookahead: 1, alphabet: '^\\n\\r', anchor: { pattern: /key|secret|passw|pwd|token|credential/gi, lead: 32, first: 'A-Za-z0-9_.-', notAfter: 'A-Za-z0-9' }, required: ASSIGNED_VALUE,
  regex: /(?<![A-Za-z0-9])[A-Za-z0-9_.-]{0,24}(?:api[_-]?key|apikey|secret|passw(?:or)?d|passwd|pwd|token|credentials?|private[_-]?key|access[_-]?key|auth[_-]?key)[A-Za-z0-9_]{0,16}["']?[ \t]{0,3}(?::=|=>|[:=])[ \t]{0,3}["']?[^\s"'`,;]{8,128}(?=["'`,;\s]|$)/gi,
  judge: (text: string, c: Candidate) => {
    const match = text.slice(c.start, c.end);
    const value = /[:=>]\s{0,3}["']?([^\s"'`,;]{8,128})$/.exec(match)?.[1] ?? '';
    if (!isSecretLike(value, 2.8) || isPlaceholder(value)) return null;
    return { score: 0.8, reason: 'credential assigned to a secret-named variable', start: c.end - value.length };
  },
});

/** Every secret rule, specific formats first; one line per rule. */
export const SECRET_PATTERNS: readonly LeakPattern[] = [
  GITHUB_TOKEN, GITHUB_FINE_GRAINED, NPM_TOKEN, AWS_KEY_ID, AWS_SECRET, SLACK_TOKEN, SLACK_WEBHOOK, STRIPE_KEY,
  OPENAI_KEY, ANTHROPIC_KEY, GOOGLE_API_KEY, GOOGLE_OAUTH_SECRET, PRIVATE_KEY, JWT, CONNECTION_STRING, KEYWORD_SECRET,
  HIGH_ENTROPY_RULE,
];
