import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin, type AdminConfig } from '../../src/auth/bootstrap-admin.ts';
import { startFreshDatabase, type FreshDatabase } from '../support/fresh-database.ts';
import { directoryOn } from './directory-fixture.ts';

const CONFIG: AdminConfig = {
  SCF_ADMIN_USER: 'admin',
  SCF_ADMIN_PASSWORD: 'first admin password',
  // Not in the read model: the node registers it on the ledger only after the admin exists.
  SCF_ADMIN_ENTERPRISE_ID: '91370200MA0C000056',
  SCF_ADMIN_ENTERPRISE_KIND: 'CORE',
};

describe('bootstrap admin', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await startFreshDatabase();
  });
  afterAll(async () => {
    await database.stop();
  });

  it('creates the configured admin once, without its enterprise in the read model', async () => {
    const { directory, ca } = directoryOn(database.db);
    const first = await ensureAdmin(directory, CONFIG);
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({
      username: 'admin',
      role: 'admin',
      enterpriseId: CONFIG.SCF_ADMIN_ENTERPRISE_ID,
      enterpriseKind: 'CORE',
    });
    // The CA name must not be the bare `admin` the network already registered for the org.
    expect(ca.requests.map((request) => request.name)).toEqual([
      expect.stringMatching(/^admin\.[0-9a-f]{8}$/),
    ]);

    const again = await ensureAdmin(directory, { ...CONFIG, SCF_ADMIN_PASSWORD: 'changed in the env since' });
    expect(again).toEqual({ user: first.user, created: false });
    expect(ca.requests).toHaveLength(1);
    expect(await database.db.user.count()).toBe(1);
    expect((await directory.login('admin', CONFIG.SCF_ADMIN_PASSWORD)).user).toEqual(first.user);
  });
});
