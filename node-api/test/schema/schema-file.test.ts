import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaText } from '../../src/cli/write-schema.ts';

describe('committed schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema -w node-api` after changing it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });
});
