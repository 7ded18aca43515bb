import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type ApiMetrics } from '../../src/http/metrics.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';

describe('GET /metrics', () => {
  let harness: ApiHarness;
  let metrics: ApiMetrics;
  beforeAll(async () => {
    metrics = createMetrics();
    harness = await startApiHarness({}, { metrics });
  });
  afterAll(async () => {
    await harness.stop();
  });

  const scrape = async (): Promise<string> => {
    const response = await harness.api.fetch('http://node.test/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  it('shows the projector lag the projector reported', async () => {
    metrics.projectorLag(3, 1.5, 42n);
    const text = await scrape();
    expect(text).toMatch(/^scf_projector_lag_blocks 3$/m);
    expect(text).toMatch(/^scf_projector_lag_seconds 1\.5$/m);
    expect(text).toMatch(/^scf_projector_last_block 42$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('counts GraphQL operations by name and outcome, and HTTP responses by route', async () => {
    const response = await harness.api.fetch('http://node.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query WhichOrg { nodeInfo { org } }', operationName: 'WhichOrg' }),
    });
    expect(response.status).toBe(200);
    await harness.graphql('{ nope }');
    const text = await scrape();
    expect(text).toMatch(/^scf_graphql_requests_total\{operation="WhichOrg",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^scf_graphql_requests_total\{operation="anonymous",outcome="error"\} 1$/m);
    expect(text).toMatch(
      /^scf_graphql_request_duration_seconds_count\{operation="WhichOrg",outcome="ok"\} 1$/m,
    );
    // Both answered 200: an application/json response carries a validation error in its body.
    expect(text).toMatch(/^scf_http_responses_total\{route="graphql",status="200"\} 2$/m);
  });

  it('keeps separate counts per API instance', () => {
    const other = createMetrics({ processMetrics: false });
    expect(other.registry).not.toBe(metrics.registry);
  });
});
