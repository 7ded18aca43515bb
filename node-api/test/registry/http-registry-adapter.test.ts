import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRegistryAdapter } from '../../src/registry/http-registry-adapter.ts';
import { registerReceivable } from '../../src/registry/register-receivable.ts';
import { RegistryConflictError, RegistryUnavailableError } from '../../src/registry/registry-errors.ts';
import { startRegistryServer, type RegistryServer } from '../support/registry-server.ts';

const BANK_A = { id: '91370200MA3C1D2E3F', name: '东海商业银行青岛分行' };
const BANK_B = { id: '91370100MA3D4E5F6G', name: '北辰银行山东分行' };
const receivable = (voucherId: string) => ({
  voucherId,
  debtorId: '91370200163562681G',
  amount: '100000000',
});

/** The adapter against the real test registry, over HTTP, in a process of its own. */
describe('HttpRegistryAdapter with the test registry', () => {
  let server: RegistryServer;
  let adapter: HttpRegistryAdapter;
  beforeAll(async () => {
    server = await startRegistryServer();
    adapter = new HttpRegistryAdapter(`${server.url}/`, 2_000);
  });
  afterAll(async () => {
    await server.stop();
    server.remove();
  });

  it('searches (nothing), registers, then finds the registration', async () => {
    await expect(adapter.search(receivable('V-1'))).resolves.toEqual({
      searchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      entries: [],
    });
    const entry = await adapter.register(receivable('V-1'), BANK_A);
    expect(entry).toEqual({
      registrationNumber: expect.stringMatching(/^\d{16}$/) as string,
      registeredAt: expect.any(String) as string,
      registrantId: BANK_A.id,
    });
    expect((await adapter.search(receivable('V-1'))).entries).toEqual([entry]);
    await expect(adapter.register(receivable('V-1'), BANK_A)).resolves.toEqual(entry);
  });

  it('turns the registry’s refusal of bank B’s second registration into RegistryConflictError', async () => {
    const first = await adapter.register(receivable('V-2'), BANK_A);
    const refused = adapter.register(receivable('V-2'), BANK_B);
    await expect(refused).rejects.toBeInstanceOf(RegistryConflictError);
    await expect(refused).rejects.toMatchObject({ code: 'REGISTRY_CONFLICT', existing: first });
    // The flow stops at the search already, registering nothing.
    await expect(registerReceivable(adapter, receivable('V-2'), BANK_B)).rejects.toMatchObject({
      existing: first,
    });
  });

  it('builds the ledger’s registration input from the two answers', async () => {
    const input = await registerReceivable(adapter, receivable('V-3'), BANK_A);
    expect(input).toEqual({
      receivable: receivable('V-3'),
      registration: (await adapter.search(receivable('V-3'))).entries[0],
      search: { searchedAt: expect.any(String) as string, entries: [] },
    });
  });

  it('reports a refused request as unavailable with the registry’s code, not as success', async () => {
    const refused = adapter.register({ ...receivable('V-4'), amount: '0' }, BANK_A);
    await expect(refused).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(refused).rejects.toThrow(/HTTP 400, INVALID_REQUEST/);
  });
});

describe('HttpRegistryAdapter when the registry fails', () => {
  let silent: Server;
  let garbled: Server;
  const urlOf = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  beforeAll(async () => {
    // One that takes the connection and never answers; one that answers something other than JSON.
    silent = createServer(() => undefined);
    garbled = createServer((_request, response) => {
      response.end('<html>maintenance</html>');
    });
    await Promise.all(
      [silent, garbled].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))),
    );
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await Promise.all([silent, garbled].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('gives up at its deadline', async () => {
    const started = Date.now();
    const call = new HttpRegistryAdapter(urlOf(silent), 300).search(receivable('V-1'));
    await expect(call).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(call).rejects.toThrow(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('calls an answer that is not JSON unavailable', async () => {
    await expect(
      new HttpRegistryAdapter(urlOf(garbled), 1_000).register(receivable('V-1'), BANK_A),
    ).rejects.toThrow(/not JSON/);
  });

  it('calls a registry that is not running unavailable', async () => {
    const server = await startRegistryServer();
    await server.stop();
    server.remove();
    await expect(new HttpRegistryAdapter(server.url, 1_000).search(receivable('V-1'))).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringMatching(/no connection/) as string,
    });
  });

  it('keeps registrations across a restart of the registry process', async () => {
    const first = await startRegistryServer();
    const entry = await new HttpRegistryAdapter(first.url, 2_000).register(receivable('V-9'), BANK_A);
    await first.stop();
    const again = await startRegistryServer(first.dataDir);
    try {
      expect((await new HttpRegistryAdapter(again.url, 2_000).search(receivable('V-9'))).entries).toEqual([
        entry,
      ]);
    } finally {
      await again.stop();
      again.remove();
    }
  });
});
