import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { clerk } from './fixtures.ts';

const SCHEMA = '{ __schema { queryType { name } types { name } } }';
const TYPE = '{ __type(name: "Invoice") { fields { name } } }';
/** Every way graphql-js would otherwise offer a name it knows, and the name it would offer. */
const PROBES: [string, string, Record<string, unknown>, string][] = [
  ['a misspelt field', '{ nodeInf { org } }', {}, '"nodeInfo"'],
  ['a misspelt argument', '{ invoices(firs: 1) { totalCount } }', {}, '"first"'],
  ['a misspelt type', '{ invoice(id: "x") { ... on Invoce { id } } }', {}, '"Invoice"'],
  ['a misspelt enum literal', '{ history(type: invoic, id: "x") { transactionId } }', {}, '"invoice"'],
  [
    'a misspelt enum in a variable',
    'query ($t: LedgerObjectType!) { history(type: $t, id: "x") { transactionId } }',
    { t: 'invoic' },
    '"invoice"',
  ],
  [
    'a misspelt input field in a variable',
    'query ($f: InvoiceFilter) { invoices(first: 1, filter: $f) { totalCount } }',
    { f: { statu: 'REGISTERED' } },
    '"status"',
  ],
];

describe('schema introspection and suggestions', () => {
  const alice = clerk('alice');

  describe('in production mode (the default)', () => {
    let harness: ApiHarness;
    beforeAll(async () => {
      harness = await startApiHarness();
    });
    afterAll(async () => {
      await harness.stop();
    });

    it('refuses introspection to anonymous callers, with a typed error and no data', async () => {
      for (const query of [SCHEMA, TYPE, `{ nodeInfo { org } ${SCHEMA.slice(1)}`]) {
        const result = await harness.graphql(query);
        expect(result.data ?? null, query).toBeNull();
        expect(result.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
      }
    });

    it('answers introspection to logged-in users', async () => {
      const result = await harness.graphql<{ __schema: { queryType: { name: string } } }>(SCHEMA, {}, alice);
      expect(result.errors).toBeUndefined();
      expect(result.data?.__schema.queryType.name).toBe('Query');
    });

    it('still answers __typename to anyone', async () => {
      const result = await harness.graphql('{ __typename }');
      expect(result).toEqual({ data: { __typename: 'Query' } });
    });

    it('suggests no names, to anonymous or logged-in callers', async () => {
      for (const [what, query, variables, hidden] of PROBES) {
        for (const caller of [undefined, alice]) {
          const result = await harness.graphql(query, variables, caller);
          expect(result.errors?.length, what).toBeGreaterThan(0);
          const messages = result.errors?.map((error) => error.message).join('\n') ?? '';
          expect(messages, what).not.toMatch(/did you mean/i);
          expect(messages, what).not.toContain(hidden);
        }
      }
    });
  });

  describe('in development mode', () => {
    let harness: ApiHarness;
    beforeAll(async () => {
      harness = await startApiHarness({}, { mode: 'development' });
    });
    afterAll(async () => {
      await harness.stop();
    });

    it('answers introspection to anyone', async () => {
      const result = await harness.graphql<{ __type: { fields: unknown[] } }>(TYPE);
      expect(result.errors).toBeUndefined();
      expect(result.data?.__type.fields.length).toBeGreaterThan(0);
    });
  });
});
