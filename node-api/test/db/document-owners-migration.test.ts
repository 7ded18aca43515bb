import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBasePort } from '@scf/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';

const OWNERS_MIGRATION = '20261130030000_document_owners';

describe('the document_owners migration', () => {
  let server: EmbeddedDatabase;
  let db: Database;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-db-'));
    chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
    server = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port: await findFreeBasePort(1),
      database: 'owners',
      ephemeral: true,
    });
    db = createDatabase(server.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await server.stop();
  });

  it('gives each document stored before it to the enterprise of the user who uploaded it', async () => {
    const all = readMigrations();
    await migrate(
      server.url,
      all.filter((migration) => migration.name < OWNERS_MIGRATION),
    );
    const at = new Date('2026-03-01T02:00:00.000Z');
    await db.$executeRaw`INSERT INTO "users" ("id", "username", "display_name", "password_hash", "role",
      "enterprise_id", "enterprise_kind", "msp_id", "certificate_pem", "encrypted_key", "created_at", "updated_at")
      VALUES ('u-1', 'li.clerk', 'Li', 'x', 'clerk', 'E-TIER1', 'SUPPLIER', 'SupplierMSP', 'pem', 'key', ${at}, ${at})`;
    await db.$executeRaw`INSERT INTO "documents" ("sha256", "file_name", "content_type", "size", "uploaded_by", "uploaded_at")
      VALUES (${'a'.repeat(64)}, 'inv.pdf', 'application/pdf', 10, 'u-1', ${at}),
             (${'b'.repeat(64)}, 'orphan.pdf', 'application/pdf', 10, 'gone-user', ${at})`;

    await migrate(server.url, all);

    expect(await db.documentOwner.findMany()).toEqual([
      { sha256: 'a'.repeat(64), enterpriseId: 'E-TIER1', uploadedBy: 'u-1', uploadedAt: at },
    ]);
  });
});
