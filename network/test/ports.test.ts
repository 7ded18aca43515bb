import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { overlaps, reserveBlock, reservedBlocks } from '../scripts/port-reservations.ts';
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

describe('port blocks reserved for a process’s lifetime', () => {
  const reservations = (): string => mkdtempSync(join(tmpdir(), 'scf-reservations-'));

  it('never hands out a block a live process reserved, though its ports are free', async () => {
    const dir = reservations();
    // Everything below the ephemeral range but [20000, 20100) is reserved by this (live) process.
    const [ephemeralLow] = ephemeralPortRange();
    reserveBlock({ base: 10_000, span: 10_000 }, dir);
    reserveBlock({ base: 20_100, span: ephemeralLow - 20_100 }, dir);
    const base = await findFreeBasePort(10, '127.0.0.1', 100_000, dir);
    expect(base).toBeGreaterThanOrEqual(20_000);
    expect(base + 10).toBeLessThanOrEqual(20_100);
    expect(reservedBlocks(dir)).toContainEqual({ base, span: 10 });
  });

  it('gives blocks that never overlap to callers picking at once', async () => {
    const dir = reservations();
    const bases = await Promise.all(
      Array.from({ length: 12 }, () => findFreeBasePort(40, '127.0.0.1', 50, dir)),
    );
    const blocks = bases.map((base) => ({ base, span: 40 }));
    blocks.forEach((block, index) => {
      expect(blocks.filter((other, at) => at !== index && overlaps(block, other))).toEqual([]);
    });
    expect(reservedBlocks(dir)).toHaveLength(12);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('forgets the blocks of a process that has exited', () => {
    const dir = reservations();
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(exited.stdout.toString());
    writeFileSync(join(dir, `15000-30-${String(deadPid)}`), '');
    reserveBlock({ base: 16_000, span: 30 }, dir);
    expect(reservedBlocks(dir)).toEqual([{ base: 16_000, span: 30 }]);
    expect(readdirSync(dir)).toEqual([`16000-30-${String(process.pid)}`]);
  });
});
