import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralPortRange, findFreeBasePort, listenersBlocked, portsInUse } from '../scripts/ports.ts';

describe('ports', () => {
  it('finds a block of free ports and notices one taken inside it', async () => {
    const base = await findFreeBasePort(20);
    expect(await portsInUse('127.0.0.1', [base, base + 19])).toEqual([]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(base + 5, '127.0.0.1', resolve));
    try {
      expect(await portsInUse('127.0.0.1', [base + 4, base + 5, base + 6])).toEqual([base + 5]);
    } finally {
      server.close();
    }
  });

  it('checks each listener on its own host, telling a busy port from an address not on this machine', async () => {
    const base = await findFreeBasePort(2);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(base, '127.0.0.1', resolve));
    try {
      const blocked = await listenersBlocked([
        { node: 'peer0.core', host: '127.0.0.1', port: base },
        { node: 'ca-core', host: '127.0.0.1', port: base + 1 },
        // TEST-NET-1 (RFC 5737): never an address of this machine.
        { node: 'peer0.banka', host: '192.0.2.1', port: base + 1 },
      ]);
      expect(blocked).toEqual([
        `peer0.core 127.0.0.1:${base} (EADDRINUSE)`,
        `peer0.banka 192.0.2.1:${base + 1} (EADDRNOTAVAIL)`,
      ]);
    } finally {
      server.close();
    }
  });

  it('picks blocks below the ports the kernel gives outgoing connections', async () => {
    const [ephemeralLow] = ephemeralPortRange();
    for (let run = 0; run < 20; run += 1) {
      const base = await findFreeBasePort(70);
      expect(base).toBeGreaterThanOrEqual(10_000);
      expect(base + 70).toBeLessThanOrEqual(ephemeralLow);
    }
  });

  it('reads the ephemeral range, or assumes Linux’s default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-ports-'));
    const file = join(dir, 'range');
    writeFileSync(file, '40000\t50000\n');
    expect(ephemeralPortRange(file)).toEqual([40_000, 50_000]);
    expect(ephemeralPortRange(join(dir, 'missing'))).toEqual([32_768, 60_999]);
  });
});
