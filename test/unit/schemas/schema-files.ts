// The committed JSON Schemas, loaded once for the schema tests, and ajv set up as a draft-07
// consumer that knows the editor-only keywords (descriptions and snippets change no verdict).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export type JsonSchema = Record<string, any>;

export function readSchema(kind: 'runbook' | 'calendar'): JsonSchema {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', `${kind}.schema.json`), 'utf8')) as JsonSchema;
}

const EDITOR_KEYWORDS = [
  'markdownDescription',
  'patternErrorMessage',
  'errorMessage',
  'markdownEnumDescriptions',
  'defaultSnippets',
];

let validators: Record<'runbook' | 'calendar', ValidateFunction> | undefined;

/** Strict ajv: an unknown keyword or a malformed schema fails the compile instead of passing silently.
 *  (`required` inside `oneOf` branches names properties declared one level up: the exactly-one idiom.) */
export function schemaValidators(): Record<'runbook' | 'calendar', ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array'] });
    validators = { runbook: ajv.compile(readSchema('runbook')), calendar: ajv.compile(readSchema('calendar')) };
  }
  return validators;
}
