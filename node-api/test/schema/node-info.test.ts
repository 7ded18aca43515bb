import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';

describe('GraphQL API in-process', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('names the org it serves, without login', async () => {
    const result = await harness.graphql<{ nodeInfo: { org: string; mspId: string } }>(
      '{ nodeInfo { org mspId } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodeInfo).toEqual({ org: 'supplier', mspId: 'SupplierMSP' });
  });
});
