import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from 'graphql-yoga';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';

describe('GET /healthz', () => {
  let harness: ApiHarness;
  let peerUp = true;
  beforeAll(async () => {
    harness = await startApiHarness(
      {},
      {
        logger: createLogger('silent'),
        health: [
          {
            name: 'peer',
            check: () => (peerUp ? Promise.resolve() : Promise.reject(new Error('UNAVAILABLE'))),
          },
          { name: 'ca', check: () => Promise.resolve() },
        ],
      },
    );
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers 200 ok when every check passes', async () => {
    peerUp = true;
    const response = await harness.api.fetch('http://node.test/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', projector: 'ok', peer: 'ok', ca: 'ok' },
    });
  });

  it('answers 503 unavailable, naming the failing check but not its error', async () => {
    peerUp = false;
    const response = await harness.api.fetch('http://node.test/healthz');
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', projector: 'ok', peer: 'fail', ca: 'ok' },
    });
    expect(text).not.toContain('UNAVAILABLE');
  });
});
