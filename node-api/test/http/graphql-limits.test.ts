import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from 'graphql-yoga';
import type { DocumentStore } from '../../src/documents/document-store.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { clerk } from './fixtures.ts';

const PORTAL = 'https://portal.supplier.example';
const MAX_BODY_BYTES = 32_768;

/** A store whose lookup fails the way a broken database would, message and all. */
const brokenDocuments: DocumentStore = {
  put: () => Promise.reject(new Error('unused')),
  get: () => Promise.reject(new Error('unused')),
  describe: () => Promise.reject(new Error('connect ECONNREFUSED postgres://node:s3cret@10.0.0.7/node')),
};

describe('GraphQL safety limits', () => {
  let harness: ApiHarness;
  const alice = clerk('alice');
  beforeAll(async () => {
    harness = await startApiHarness(
      { documents: brokenDocuments },
      { portalOrigin: PORTAL, limits: { maxBodyBytes: MAX_BODY_BYTES }, logger: createLogger('silent') },
    );
  });
  afterAll(async () => {
    await harness.stop();
  });

  const post = (body: BodyInit, headers: Record<string, string> = {}): Promise<Response> =>
    Promise.resolve(
      harness.api.fetch('http://node.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        duplex: 'half',
      } as RequestInit),
    );

  it('answers 413 before parsing a body over the limit', async () => {
    const query = `{ nodeInfo { org } } # ${'x'.repeat(MAX_BODY_BYTES)}`;
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('counts the bytes of a body sent without Content-Length', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(1_024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query": "{ nodeInfo { org } }"'));
        for (let i = 0; i < 40; i += 1) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('}'));
        controller.close();
      },
    });
    const response = await post(stream);
    expect(response.status).toBe(413);
  });

  it('passes a body within the limit', async () => {
    const response = await post(JSON.stringify({ query: '{ nodeInfo { org } }' }));
    expect(response.status).toBe(200);
  });

  it('refuses a query too deep, with a typed error', async () => {
    const deep = `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(8)}name${' }'.repeat(8)} } } } }`;
    const result = await harness.graphql(deep, {}, alice);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => error.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
    expect(result.errors?.map((error) => error.message)).toContain(
      'Query depth limit of 10 exceeded, found 12.',
    );
  });

  it('refuses too many aliases, with a typed error', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: nodeInfo { org }`).join(' ');
    const result = await harness.graphql(`{ ${aliases} }`, {}, alice);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses too many tokens, with a typed error', async () => {
    const result = await harness.graphql(`{ nodeInfo { ${'org '.repeat(3_000)}} }`, {}, alice);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toBe('Token limit of 3000 exceeded.');
  });

  it('refuses a query too costly, with a typed error', async () => {
    // Each fragment spreads the one before ten times: few tokens, little depth, a great many fields.
    const fragments = [
      'fragment F0 on __Type { name kind description }',
      ...[1, 2, 3, 4].map((k) => `fragment F${k} on __Type { ofType { ${`...F${k - 1} `.repeat(10)}} }`),
    ].join('\n');
    const result = await harness.graphql(`{ __type(name: "Query") { ...F4 } }\n${fragments}`, {}, alice);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors?.[0]?.message).toMatch(/^Query Cost limit of 5000 exceeded/);
  });

  it('suggests no field names to a caller probing the schema', async () => {
    const result = await harness.graphql('{ nodeInf { org } }', {}, alice);
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('masks an internal error of a resolver', async () => {
    // Alice's enterprise owns the document, so the lookup reaches the broken store.
    await harness.db.documentOwner.create({
      data: {
        sha256: 'a'.repeat(64),
        enterpriseId: alice.enterpriseId,
        uploadedBy: alice.id,
        uploadedAt: new Date(),
      },
    });
    const result = await harness.graphql(`{ document(sha256: "${'a'.repeat(64)}") { sha256 } }`, {}, alice);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });

  it('keeps the code of a user error', async () => {
    const result = await harness.graphql('{ document(sha256: "NOT-HEX") { sha256 } }', {}, alice);
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  describe('CORS', () => {
    const preflight = (origin: string): Promise<Response> =>
      Promise.resolve(
        harness.api.fetch('http://node.test/graphql', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type',
          },
        }),
      );

    it('lets the portal in', async () => {
      const response = await preflight(PORTAL);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      const actual = await post(JSON.stringify({ query: '{ nodeInfo { org } }' }), { origin: PORTAL });
      expect(actual.headers.get('access-control-allow-origin')).toBe(PORTAL);
      // The portal reads the document routes' answers too, refusals included.
      const download = await harness.api.fetch(`http://node.test/documents/${'0'.repeat(64)}`, {
        headers: { origin: PORTAL },
      });
      expect(download.status).toBe(401);
      expect(download.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(download.headers.get('access-control-expose-headers')).toContain('x-content-sha256');
    });

    it('gives any other origin nothing a browser would accept', async () => {
      const response = await preflight('https://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await post(JSON.stringify({ query: '{ nodeInfo { org } }' }), {
        origin: 'https://evil.example',
      });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
