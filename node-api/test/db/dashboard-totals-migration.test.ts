import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBasePort } from '@scf/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { keptAndCounted } from '../support/kept-totals-check.ts';
import { E, invoice, voucher } from '../support/read-model-seed.ts';

const TOTALS_MIGRATION = '20261208000600_dashboard_totals';

describe('the dashboard_totals migration', () => {
  let dir: string;
  let server: EmbeddedDatabase;
  let db: Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scf-db-'));
    chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
    server = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port: await findFreeBasePort(1),
      database: 'totals',
      ephemeral: true,
    });
    db = createDatabase(server.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills the totals from what a node already holds, and keeps them after', async () => {
    const all = readMigrations();
    await migrate(
      server.url,
      all.filter((migration) => migration.name < TOTALS_MIGRATION),
    );
    // Before the migration: vouchers and invoices of a node that has run a while, one near Beijing's midnight.
    await db.voucher.createMany({
      data: [
        voucher({ id: 'v1', debtorId: E.core, holderId: E.tier1, amount: 700n }, '2026-05-01T15:59:00.000Z'),
        voucher({ id: 'v2', debtorId: E.core, holderId: E.tier1, amount: 300n }, '2026-05-01T16:00:00.000Z'),
        voucher({ id: 'v3', debtorId: E.core, holderId: E.tier2, tier: 1, transferredFrom: E.tier1 }),
        voucher({ id: 'v4', debtorId: E.core, holderId: E.bankA, status: 'FINANCED', amount: 5n }),
      ],
    });
    await db.invoice.createMany({
      data: [
        invoice({ id: 'i1', sellerId: E.tier1, buyerId: E.core, amount: 1000n }),
        invoice({ id: 'i2', sellerId: E.tier1, buyerId: E.core, amount: 1n }, '2026-05-01T16:00:00.000Z'),
      ],
    });

    await migrate(server.url, all);

    const filled = await keptAndCounted(db);
    for (const [kept, counted] of filled) expect(kept).toEqual(counted);
    expect(filled.map(([kept]) => kept.length)).toEqual([3, 3, 2]);
    await db.voucher.update({ where: { id: 'v1' }, data: { status: 'SETTLED' } });
    await db.invoice.delete({ where: { id: 'i2' } });
    for (const [kept, counted] of await keptAndCounted(db)) expect(kept).toEqual(counted);
  });
});
