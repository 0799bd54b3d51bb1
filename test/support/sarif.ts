// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS with a default export; require() gives the class under NodeNext.
const Ajv = (require('ajv-draft-04') as { default: typeof AjvDraft04.default }).default;
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** @returns a validator for the OASIS SARIF 2.1.0 schema (as shipped by Microsoft's package). */
export function loadSarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

