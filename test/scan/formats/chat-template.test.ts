// SPDX-License-Identifier: Apache-2.0
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTemplate } from '../../../src/scan/formats/chat-template.js';
import { classifyTemplate } from '../../../src/scan/policy/template.js';
import { scanBytes } from '../../support/scan-bytes.js';
import { FIXTURES, readFixture, toRules } from './format-samples.js';

const kinds = (source: string): string[] => describeTemplate(source).hits.map((h) => h.kind);
const grade = (source: string): string[] => classifyTemplate(describeTemplate(source), 't').map((f) => `${f.severity}:${f.ruleId.replace('CITADEL-', '')}`);

describe('chat templates', () => {
  it('passes the published templates of a dozen model families', async () => {
    const files = readdirSync(join(FIXTURES, 'benign/chat-templates'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const { findings, formats } = await scanBytes(readFixture(`benign/chat-templates/${file}`), file);
      expect(formats.length, file).toBeGreaterThan(0);
      expect(toRules(findings), file).toEqual([]);
    }
  });

  it.each([
    ['dunder attribute', '{{ messages.__class__ }}', 'dunder'],
    ['dunder by subscript', "{{ messages['__globals__'] }}", 'dunder'],
    ['mro', '{{ x.mro() }}', 'escape-attribute'],
    ['frame walk', '{{ x.gi_frame.f_back }}', 'escape-attribute'],
    ['jinja global', '{{ lipsum }}', 'escape-global'],
    ['flask global', '{{ config.items() }}', 'escape-global'],
    ['self reference', '{{ self._TemplateReference__context }}', 'escape-global'],
    ['import-like member', "{{ x.popen('id') }}", 'import-name'],
    ['dunder string', "{{ x|map(attribute='__class__')|list }}", 'dunder-string'],
    ['split dunder string', "{% set a = '__cla' %}{{ x[a ~ 'ss__'] }}", 'dunder-string'],
    ['escaped underscore', "{{ x['\\x5f\\x5fclass\\x5f\\x5f'] }}", 'escaped-underscore'],
    ['unicode escape', "{{ x['\\u005f\\u005fclass\\u005f\\u005f'] }}", 'escaped-underscore'],
  ])('flags a %s as critical', (_name, source, kind) => {
    expect(kinds(source)).toContain(kind);
    expect(grade(source)).toEqual(['critical:TEMPLATE-INJECTION']);
  });

  it('grades the attr filter alone high', () => {
    expect(grade("{{ x|attr('items') }}")).toEqual(['high:TEMPLATE-INJECTION']);
  });

  it('does not take names the template binds itself for globals', () => {
    expect(grade('{% set config = namespace(x=1) %}{% for self in messages %}{{ self.content }}{% endfor %}{{ config.x }}')).toEqual([]);
    expect(grade('{% macro render(request) %}{{ request.content }}{% endmacro %}{{ render(messages[0]) }}')).toEqual([]);
  });

  it('checks templates the parser refuses by their text, and says so', () => {
    expect(kinds("{% import 'os' as os %}{{ os.popen('id') }}")).toEqual(['import-statement', 'import-name']);
    expect(grade('{% with a = 1 %}{{ a }}{% endwith %}')).toEqual(['medium:UNSCANNABLE']);
    expect(grade('{% with a = 1 %}{{ a.__class__ }}{% endwith %}')).toEqual(['critical:TEMPLATE-INJECTION']);
  });

  it('refuses to hand deeply nested or huge templates to the recursive parser', () => {
    const deep = `{{ ${'('.repeat(10_000)}1${')'.repeat(10_000)} }}`;
    expect(describeTemplate(deep).unparsed).toMatch(/nests 10000 levels/);
    const notNot = `{{ ${'not '.repeat(100_000)}x }}`;
    expect(describeTemplate(notNot).unparsed).toBeDefined();
    const huge = `{{ x }}${'a'.repeat(1_100_000)}{{ y.__class__ }}`;
    expect(describeTemplate(huge)).toMatchObject({ unparsed: expect.stringMatching(/longer than/) as unknown, hits: [{ kind: 'dunder' }] });
  });

  it('quotes an excerpt around the first hit', () => {
    const [finding] = classifyTemplate(describeTemplate(`${'x'.repeat(200)}{{ cycler.__init__ }}${'y'.repeat(200)}`), 'tokenizer.chat_template');
    expect(finding?.message).toMatch(/chat template tokenizer\.chat_template .*\.\.\.x+\{\{ cycler\.__init__ \}\}y+\.\.\./);
  });
});
