import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistrationStore, STORE_FILE } from '../src/registration-store.ts';
import { createRegistryServer } from '../src/registry-server.ts';

const BANK_A = { id: '91370200MA3C1D2E3F', name: '东海商业银行青岛分行' };
const BANK_B = { id: '91370100MA3D4E5F6G', name: '北辰银行山东分行' };
const RECEIVABLE = { voucherId: 'V-0001', debtorId: '91370200163562681G', amount: '100000000' };
const NOW = new Date('2026-01-05T02:00:00.000Z');

let dataDir: string;
let server: Server;
let base: string;

async function start(): Promise<void> {
  server = createRegistryServer(RegistrationStore.open(dataDir), { now: () => NOW });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scf-registry-'));
  await start();
});

afterEach(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = async (response: Response): Promise<Record<string, unknown>> =>
  (await response.json()) as Record<string, unknown>;

function register(body: unknown, type = 'application/json'): Promise<Response> {
  return fetch(`${base}/registrations`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const search = (query: string): Promise<Response> => fetch(`${base}/registrations?${query}`);

describe('the test registry over HTTP', () => {
  it('registers a receivable with a number and the registry’s time, and finds it by voucher', async () => {
    const created = await register({ receivable: RECEIVABLE, registrant: BANK_A });
    expect(created.status).toBe(201);
    const registration = {
      registrationNumber: '2026010500000001',
      registeredAt: NOW.toISOString(),
      receivable: RECEIVABLE,
      registrant: BANK_A,
    };
    expect(await json(created)).toEqual({ registration });
    const found = await search('voucherId=V-0001');
    expect(await json(found)).toEqual({ searchedAt: NOW.toISOString(), registrations: [registration] });
    expect(await json(await search(`voucherId=V-0001&debtorId=${BANK_B.id}`))).toMatchObject({
      registrations: [],
    });
    expect(await json(await search('voucherId=V-0002'))).toMatchObject({ registrations: [] });
  });

  it('answers the same registrant’s repeated request with its first registration (200)', async () => {
    const first = await json(await register({ receivable: RECEIVABLE, registrant: BANK_A }));
    const again = await register({ receivable: RECEIVABLE, registrant: BANK_A });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(first);
  });

  it('refuses a second registration of the receivable by another party with a typed 409', async () => {
    const first = await json(await register({ receivable: RECEIVABLE, registrant: BANK_A }));
    const second = await register({ receivable: RECEIVABLE, registrant: BANK_B });
    expect(second.status).toBe(409);
    expect(await json(second)).toMatchObject({ code: 'ALREADY_REGISTERED', ...first });
    const changed = await register({ receivable: { ...RECEIVABLE, amount: '1' }, registrant: BANK_A });
    expect(changed.status).toBe(409);
    expect(await json(await search('voucherId=V-0001'))).toMatchObject({
      registrations: [{ registrant: BANK_A }],
    });
  });

  it('keeps its registrations across a restart', async () => {
    await register({ receivable: RECEIVABLE, registrant: BANK_A });
    await stop();
    await start();
    expect(await json(await search('voucherId=V-0001'))).toMatchObject({
      registrations: [{ registrationNumber: '2026010500000001', registrant: BANK_A }],
    });
    const next = await json(
      await register({ receivable: { ...RECEIVABLE, voucherId: 'V-2' }, registrant: BANK_B }),
    );
    expect(next).toMatchObject({ registration: { registrationNumber: '2026010500000002' } });
    expect(JSON.parse(readFileSync(join(dataDir, STORE_FILE), 'utf8'))).toMatchObject({
      format: 'scf-test-registry/1',
    });
  });

  it.each([
    ['a body that is not JSON', '{', 400, 'INVALID_REQUEST'],
    ['no receivable', { registrant: BANK_A }, 400, 'INVALID_REQUEST'],
    ['no registrant', { receivable: RECEIVABLE }, 400, 'INVALID_REQUEST'],
    [
      'an amount with a decimal point',
      { receivable: { ...RECEIVABLE, amount: '1.5' }, registrant: BANK_A },
      400,
      'INVALID_REQUEST',
    ],
    [
      'a zero amount',
      { receivable: { ...RECEIVABLE, amount: '0' }, registrant: BANK_A },
      400,
      'INVALID_REQUEST',
    ],
    [
      'a blank voucher id',
      { receivable: { ...RECEIVABLE, voucherId: ' ' }, registrant: BANK_A },
      400,
      'INVALID_REQUEST',
    ],
    [
      'a control character',
      { receivable: RECEIVABLE, registrant: { ...BANK_A, name: 'a\u0000b' } },
      400,
      'INVALID_REQUEST',
    ],
    ['a list', [RECEIVABLE], 400, 'INVALID_REQUEST'],
    [
      'a body too large',
      { receivable: RECEIVABLE, registrant: { ...BANK_A, name: 'x'.repeat(20_000) } },
      413,
      'REQUEST_TOO_LARGE',
    ],
  ])('refuses %s with a typed error', async (_, body, status, code) => {
    const response = await register(body);
    expect(response.status).toBe(status);
    expect(await json(response)).toMatchObject({ code, message: expect.any(String) as string });
  });

  it('refuses other media types, unknown routes and methods, and a search without a voucher', async () => {
    const media = await register({ receivable: RECEIVABLE, registrant: BANK_A }, 'text/plain');
    expect([media.status, (await json(media)).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const route = await fetch(`${base}/nowhere`);
    expect([route.status, (await json(route)).code]).toEqual([404, 'NOT_FOUND']);
    const method = await fetch(`${base}/registrations`, { method: 'DELETE' });
    expect([method.status, method.headers.get('allow'), (await json(method)).code]).toEqual([
      405,
      'POST, GET',
      'METHOD_NOT_ALLOWED',
    ]);
    const query = await search('debtorId=x');
    expect([query.status, (await json(query)).code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('answers its health check', async () => {
    expect(await json(await fetch(`${base}/healthz`))).toEqual({ status: 'ok', registrations: 0 });
  });

  it('refuses to open a store file that is not its own', () => {
    writeFileSync(join(dataDir, STORE_FILE), '{"format":"other"}');
    expect(() => RegistrationStore.open(dataDir)).toThrow(/not a scf-test-registry\/1 file/);
    writeFileSync(join(dataDir, STORE_FILE), '{');
    expect(() => RegistrationStore.open(dataDir)).toThrow(/not valid JSON/);
  });
});
