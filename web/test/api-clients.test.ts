import { describe, expect, it, vi } from 'vitest';
import { DocumentClient, fileNameOf } from '@/api/document-client';
import { ApiError, ErrorCodes, asApiError } from '@/api/errors';
import { InvoiceDocument, MeDocument } from '@/api/generated/graphql';
import { GraphQLClient } from '@/api/graphql-client';
import { parseRuntimeConfig } from '@/api/runtime-config';

/** A fetch that answers one JSON body, and records how it was called. */
function answering(body: unknown, status = 200) {
  return vi.fn<typeof fetch>(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

describe('GraphQLClient', () => {
  it('posts the operation with the Bearer token and returns typed data', async () => {
    const fetch = answering({ data: { me: null } });
    const client = new GraphQLClient({ endpoint: 'http://node/graphql', token: () => 'tok', fetch });
    await expect(client.request(MeDocument)).resolves.toEqual({ me: null });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://node/graphql');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
    const body = JSON.parse(init?.body as string) as { query: string; variables: unknown };
    expect(body.query).toContain('query Me');
    expect(body.variables).toEqual({});
  });

  it('sends no Authorization header before login', async () => {
    const fetch = answering({ data: { me: null } });
    await new GraphQLClient({ endpoint: 'http://node/graphql', token: () => null, fetch }).request(
      MeDocument,
    );
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).has('authorization')).toBe(false);
  });

  it('turns a GraphQL error into an ApiError with its code and transaction id', async () => {
    const fetch = answering({
      data: null,
      errors: [
        { message: 'over the line', extensions: { code: 'CREDIT_LIMIT_EXCEEDED', transactionId: 'tx1' } },
      ],
    });
    const client = new GraphQLClient({ endpoint: 'http://node/graphql', token: () => 't', fetch });
    const error = await client.request(InvoiceDocument, { id: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: ErrorCodes.CreditLimitExceeded,
      message: 'over the line',
      transactionId: 'tx1',
    });
  });

  it('tells the session when the node no longer accepts the token', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = answering({ errors: [{ message: 'log in', extensions: { code: 'UNAUTHENTICATED' } }] });
    const client = new GraphQLClient({
      endpoint: 'http://node/graphql',
      token: () => 't',
      fetch,
      onUnauthenticated,
    });
    await expect(client.request(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('reads non-GraphQL refusals (rate limit) and network failures as typed errors', async () => {
    const limited = new GraphQLClient({
      endpoint: 'http://node/graphql',
      token: () => 't',
      fetch: answering({ code: 'RATE_LIMITED', message: 'slow down' }, 429),
    });
    await expect(limited.request(MeDocument)).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    const offline = new GraphQLClient({
      endpoint: 'http://node/graphql',
      token: () => 't',
      fetch: vi.fn(() => Promise.reject(new TypeError('fetch failed'))),
    });
    await expect(offline.request(MeDocument)).rejects.toMatchObject({ code: ErrorCodes.Network });
    expect(asApiError(new Error('bug')).code).toBe(ErrorCodes.Internal);
  });
});

describe('DocumentClient', () => {
  it('uploads one `file` part with the Bearer token and returns the hash', async () => {
    const stored = { sha256: 'a'.repeat(64), fileName: 'inv.pdf', contentType: 'application/pdf', size: 5 };
    const fetch = answering(stored, 201);
    const client = new DocumentClient({ baseUrl: 'http://node', token: () => 'tok', fetch });
    await expect(client.upload(new File(['%PDF-'], 'inv.pdf', { type: 'application/pdf' }))).resolves.toEqual(
      stored,
    );
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect((url as URL).href).toBe('http://node/documents');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
    expect((init?.body as FormData).getAll('file')).toHaveLength(1);
  });

  it('reports the node’s refusal by code', async () => {
    const fetch = answering({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'pdf only' }, 415);
    const client = new DocumentClient({ baseUrl: 'http://node', token: () => 'tok', fetch });
    await expect(client.upload(new File(['x'], 'x.exe'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
    });
  });

  it('reads the download’s file name', () => {
    expect(fileNameOf('attachment; filename="inv.pdf"; filename*=UTF-8\'\'%E5%8F%91%E7%A5%A8.pdf')).toBe(
      '发票.pdf',
    );
    expect(fileNameOf('attachment; filename="inv.pdf"')).toBe('inv.pdf');
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('runtime config', () => {
  it('takes the node API URL from /config.json and refuses anything else', () => {
    expect(parseRuntimeConfig({ nodeApiUrl: 'http://127.0.0.1:7016/', org: 'supplier' })).toEqual({
      nodeApiUrl: 'http://127.0.0.1:7016',
      org: 'supplier',
    });
    expect(parseRuntimeConfig({ nodeApiUrl: 'http://127.0.0.1:7006', org: null })?.org).toBeNull();
    expect(parseRuntimeConfig({ nodeApiUrl: 'not a url' })).toBeNull();
    expect(parseRuntimeConfig(null)).toBeNull();
  });
});
