import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreeBasePort, portsInUse } from '../scripts/ports.ts';

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
});
