// The JSON Schemas are generated from server/core/dsl-schema.ts (schemas/generate-schemas.ts),
// like the grammars: the committed files must be exactly what the generator writes today.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_FILES, SchemaKind, schemaText } from '../../../schemas/generate-schemas';
import { REPO_ROOT } from './schema-files';

describe('schemas/*.schema.json are generated', () => {
  for (const kind of Object.keys(SCHEMA_FILES) as SchemaKind[]) {
    it(`schemas/${SCHEMA_FILES[kind]} is what schemas/generate-schemas.ts writes (run npm run generate after changing the DSL)`, () => {
      const onDisk = readFileSync(path.join(REPO_ROOT, 'schemas', SCHEMA_FILES[kind]), 'utf8');
      assert.equal(onDisk, schemaText(kind), `schemas/${SCHEMA_FILES[kind]} is out of date: run npm run generate`);
    });
  }
});
