// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OUTPUT_PATH, generateClient } from '../scripts/generate-client';

describe('the committed typed client', () => {
  it('matches node-api/schema.graphql and src/api/operations (run `npm run codegen -w web` if not)', async () => {
    const committed = await readFile(OUTPUT_PATH, 'utf8');
    expect(committed === (await generateClient())).toBe(true);
  }, 30_000);
});
