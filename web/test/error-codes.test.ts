// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@/api/errors';
import { ErrorCode } from '@/api/generated/graphql';
import { en } from '@/i18n/messages/en';
import { zhCN } from '@/i18n/messages/zh-CN';
import { SCHEMA_PATH } from '../scripts/generate-client';

/** The ErrorCode enum of node-api/schema.graphql: every code the node API answers with. */
async function nodeErrorCodes(): Promise<string[]> {
  const enums = parse(await readFile(SCHEMA_PATH, 'utf8')).definitions.filter(
    (definition): definition is EnumTypeDefinitionNode =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'ErrorCode',
  );
  return (enums[0]?.values ?? []).map((value) => value.name.value);
}

describe("the portal's error codes", () => {
  it("are the node API's codes as generated from its schema", async () => {
    expect(Object.values(ErrorCode).sort()).toEqual((await nodeErrorCodes()).sort());
  });

  it('know every code of the node API, plus NETWORK and INTERNAL of their own', () => {
    const portal: string[] = Object.values(ErrorCodes);
    expect(portal).toEqual(expect.arrayContaining(Object.values(ErrorCode)));
    expect(portal.filter((code) => !(Object.values(ErrorCode) as string[]).includes(code))).toEqual([
      'NETWORK',
    ]);
    expect(portal).toContain('INTERNAL');
  });

  it('each have a message in both languages', () => {
    for (const messages of [en, zhCN]) {
      const known = Object.keys(messages.error.code);
      expect(known).toEqual(expect.arrayContaining(Object.values(ErrorCodes)));
    }
  });
});
