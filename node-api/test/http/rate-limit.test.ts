import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitKey } from '../../src/http/rate-limit.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { clerk } from './fixtures.ts';

describe('RateLimiter', () => {
  it('allows a burst of the allowance, then refills evenly over the minute', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i += 1) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now += 10 * 60_000;
    for (let i = 0; i < 60; i += 1) expect(limiter.take('a').allowed).toBe(true);
  });

  it('counts each caller on its own', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('keys by user when logged in, else by the client address', () => {
    expect(rateLimitKey('u1', { req: { socket: { remoteAddress: '127.0.0.2' } } })).toBe('user:u1');
    expect(rateLimitKey(null, { req: { socket: { remoteAddress: '127.0.0.2' } } })).toBe('address:127.0.0.2');
    expect(rateLimitKey(null, {})).toBe('address:unknown');
  });
});

describe('rate limit over HTTP', () => {
  const LIMIT = 3;
  let harness: ApiHarness;
  const alice = clerk('alice');
  const bob = clerk('bob');
  beforeAll(async () => {
    harness = await startApiHarness({}, { limits: { rateLimitPerMinute: LIMIT } });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers 429 RATE_LIMITED once a user is over, while another user still passes', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await harness.graphql('{ nodeInfo { org } }', {}, alice)).errors).toBeUndefined();
    }
    const over = await harness.api.fetch('http://node.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: harness.bearer(alice) },
      body: JSON.stringify({ query: '{ nodeInfo { org } }' }),
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await over.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');

    const download = await harness.api.fetch(`http://node.test/documents/${'0'.repeat(64)}`, {
      headers: { authorization: harness.bearer(alice) },
    });
    expect(download.status).toBe(429);
    expect(await download.json()).toMatchObject({ code: 'RATE_LIMITED' });

    expect((await harness.graphql('{ nodeInfo { org } }', {}, bob)).errors).toBeUndefined();
  });

  it('leaves health and metrics unlimited', async () => {
    for (let i = 0; i < LIMIT + 2; i += 1) {
      expect((await harness.api.fetch('http://node.test/healthz')).status).toBe(200);
      expect((await harness.api.fetch('http://node.test/metrics')).status).toBe(200);
    }
  });
});
