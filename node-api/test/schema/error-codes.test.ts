import { readFileSync } from 'node:fs';
import { buildSchema as fromSdl, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@scf/ledger-contract';
import { SCHEMA_FILE } from '../../src/cli/write-schema.ts';
import { ERROR_CODE_MEANINGS, NodeErrorCodes } from '../../src/errors/codes.ts';

/** The values of the ErrorCode enum in the committed schema.graphql, the portal's source. */
function committedErrorCodes(): string[] {
  const type = fromSdl(readFileSync(SCHEMA_FILE, 'utf8')).getType('ErrorCode');
  if (!isEnumType(type)) throw new Error('schema.graphql has no enum ErrorCode');
  return type.getValues().map((value) => value.name);
}

describe('the API error codes', () => {
  it('are the ErrorCode enum of the committed schema, no more and no fewer', () => {
    expect(committedErrorCodes().sort()).toEqual(Object.values(NodeErrorCodes).sort());
  });

  it("pass every one of the ledger's codes on unchanged", () => {
    expect(Object.values(NodeErrorCodes)).toEqual(expect.arrayContaining(Object.values(ErrorCodes)));
  });

  it('are each documented once', () => {
    expect(Object.keys(ERROR_CODE_MEANINGS).sort()).toEqual(Object.values(NodeErrorCodes).sort());
    expect(new Set(Object.values(NodeErrorCodes)).size).toBe(Object.keys(NodeErrorCodes).length);
  });
});
