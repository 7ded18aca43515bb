import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { invoice, userOf } from '../support/read-model-seed.ts';
import { PDF, clerk, fileForm, sha256Hex } from './fixtures.ts';

const MAX_DOCUMENT_BYTES = 4_096;

describe('documents over HTTP', () => {
  let harness: ApiHarness;
  const alice = clerk('alice');
  beforeAll(async () => {
    harness = await startApiHarness({}, { limits: { maxDocumentBytes: MAX_DOCUMENT_BYTES } });
  });
  afterAll(async () => {
    await harness.stop();
  });

  const upload = (body: BodyInit, headers: Record<string, string> = {}): Promise<Response> =>
    Promise.resolve(
      harness.api.fetch('http://node.test/documents', {
        method: 'POST',
        headers: { authorization: harness.bearer(alice), ...headers },
        body,
      }),
    );
  const download = (sha256: string, authorization = harness.bearer(alice)): Promise<Response> =>
    Promise.resolve(
      harness.api.fetch(`http://node.test/documents/${sha256}`, { headers: { authorization } }),
    );

  it('stores an upload under the SHA-256 of its bytes and serves the same bytes back', async () => {
    const response = await upload(fileForm(PDF, '../../etc/发票 7:1.pdf', 'application/pdf'));
    expect(response.status).toBe(201);
    const stored = (await response.json()) as Record<string, unknown>;
    expect(stored).toEqual({
      sha256: sha256Hex(PDF),
      fileName: '发票 7_1.pdf',
      contentType: 'application/pdf',
      size: PDF.byteLength,
    });

    const served = await download(sha256Hex(PDF));
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PDF);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('x-content-sha256')).toBe(sha256Hex(PDF));
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="?? 7_1.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%207_1.pdf`,
    );
  });

  it("serves a document only to its uploader's enterprise and the parties of its invoice", async () => {
    const bytes = new TextEncoder().encode('invoice INV-DOC-1');
    const sha256 = sha256Hex(bytes);
    expect((await upload(fileForm(bytes, 'inv.txt', 'text/plain'))).status).toBe(201);
    const [seller, buyer, stranger] = [{ ...alice, id: 'alice-colleague' }, userOf('core'), userOf('bankB')];
    await harness.db.invoice.create({
      data: invoice({
        id: 'INV-DOC-1',
        sellerId: seller.enterpriseId,
        buyerId: buyer.enterpriseId,
        documentHash: sha256,
      }),
    });
    expect((await download(sha256, harness.bearer(buyer))).status).toBe(200);
    expect((await download(sha256, harness.bearer(seller))).status).toBe(200);
    const refused = await download(sha256, harness.bearer(stranger));
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: 'NOT_FOUND' });
    const described = await harness.graphql<{ document: unknown }>(
      'query($h: String!) { document(sha256: $h) { sha256 } }',
      { h: sha256 },
      stranger,
    );
    expect(described.data?.document).toBeNull();
  });

  it('keeps one document for the same bytes uploaded twice', async () => {
    const text = new TextEncoder().encode('waybill 7');
    const first = (await (await upload(fileForm(text, 'a.txt', 'text/plain'))).json()) as { sha256: string };
    const again = await upload(fileForm(text, 'b.txt', 'text/plain; charset=utf-8'));
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ sha256: first.sha256, fileName: 'a.txt' });
    expect(await harness.db.document.count({ where: { sha256: first.sha256 } })).toBe(1);
  });

  it('stores the same bytes uploaded by many users at once as one document, answering each of them', async () => {
    // Clerks of two enterprises, 16 at once for each of three files: each enterprise then owns each file.
    const enterprises = ['91310000MA1FL0001A', '91310000MA1FL0002A'];
    const users = Array.from({ length: 16 }, (_, index) => ({
      ...clerk(`user${String(index)}`),
      enterpriseId: enterprises[index % 2] ?? '',
    }));
    const texts = ['delivery note', 'packing list', 'bill of lading'].map((name) =>
      new TextEncoder().encode(name),
    );
    const responses = await Promise.all(
      texts.flatMap((text) =>
        users.map((user, index) =>
          upload(fileForm(text, `copy-${String(index)}.txt`, 'text/plain'), {
            authorization: harness.bearer(user),
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    for (const text of texts) {
      const sha256 = sha256Hex(text);
      expect(await harness.db.document.count({ where: { sha256 } })).toBe(1);
      const owners = await harness.db.documentOwner.findMany({
        where: { sha256 },
        orderBy: { enterpriseId: 'asc' },
      });
      expect(owners.map((owner) => owner.enterpriseId)).toEqual(enterprises);
    }
  });

  it('answers metadata through GraphQL', async () => {
    const result = await harness.graphql<{ document: Record<string, unknown> | null }>(
      'query ($sha256: String!) { document(sha256: $sha256) { sha256 fileName size uploadedBy downloadPath } }',
      { sha256: sha256Hex(PDF) },
      alice,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.document).toEqual({
      sha256: sha256Hex(PDF),
      fileName: '发票 7_1.pdf',
      size: PDF.byteLength,
      uploadedBy: 'alice',
      downloadPath: `/documents/${sha256Hex(PDF)}`,
    });
    const unknown = await harness.graphql(
      '{ document(sha256: "' + '0'.repeat(64) + '") { sha256 } }',
      {},
      alice,
    );
    expect(unknown.data).toEqual({ document: null });
    const anonymous = await harness.graphql('{ document(sha256: "' + '0'.repeat(64) + '") { sha256 } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to serve a stored file that was changed on disk', async () => {
    const content = new TextEncoder().encode('{"invoice": 1}');
    const { sha256 } = (await (await upload(fileForm(content, 'i.json', 'application/json'))).json()) as {
      sha256: string;
    };
    await writeFile(join(harness.dir, 'documents', sha256), '{"invoice": 2}');
    const served = await download(sha256);
    expect(served.status).toBe(409);
    expect(await served.json()).toMatchObject({ code: 'TAMPERED' });

    // Uploading the original again repairs it.
    await upload(fileForm(content, 'i.json', 'application/json'));
    expect((await download(sha256)).status).toBe(200);
  });

  it('answers 404 for an unknown hash and 400 for a malformed one', async () => {
    const unknown = await download('f'.repeat(64));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await download('not-a-hash')).status).toBe(400);
  });

  it('wants a login for both routes', async () => {
    const anonymousUpload = await harness.api.fetch('http://node.test/documents', {
      method: 'POST',
      body: fileForm(PDF, 'a.pdf', 'application/pdf'),
    });
    expect(anonymousUpload.status).toBe(401);
    expect(await anonymousUpload.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'log in first' });
    expect((await download(sha256Hex(PDF), 'Bearer not-a-live-session-token-at-all')).status).toBe(401);
  });

  it('refuses a document over the size limit, by its declared and by its real size', async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x41);
    const response = await upload(fileForm(big, 'big.txt', 'text/plain'));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE' });

    const declared = await upload('x', {
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': '999999999',
    });
    expect(declared.status).toBe(413);

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i += 1) controller.enqueue(new Uint8Array(4_096));
        controller.close();
      },
    });
    const streamed = await harness.api.fetch('http://node.test/documents', {
      method: 'POST',
      headers: { authorization: harness.bearer(alice), 'content-type': 'multipart/form-data; boundary=x' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('refuses types other than documents, and content that is not what its type says', async () => {
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    const asHtml = await upload(fileForm(html, 'x.html', 'text/html'));
    expect(asHtml.status).toBe(415);
    expect(await asHtml.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await upload(fileForm(html, 'x.png', 'image/png'))).status).toBe(415);
    expect((await upload('{}', { 'content-type': 'application/json' })).status).toBe(415);
  });

  it('wants exactly one file part', async () => {
    const form = new FormData();
    form.append('note', 'no file here');
    const response = await upload(form);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('leaves no temporary files behind', async () => {
    const names = await readdir(join(harness.dir, 'documents'));
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
