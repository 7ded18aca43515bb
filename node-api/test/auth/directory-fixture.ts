import { randomBytes } from 'node:crypto';
import { KeyVault } from '../../src/auth/key-vault.ts';
import {
  PrismaUserDirectory,
  type PrismaUserDirectoryOptions,
} from '../../src/auth/prisma-user-directory.ts';
import type { Database } from '../../src/db/client.ts';
import { FakeCa } from '../support/fake-ca.ts';

export const MSP = 'SupplierMSP';

/** Enterprises in the read model: one this org hosts, one suspended, one another org hosts. */
export const ENTERPRISES = {
  own: { id: '91370200MA0C000021', kind: 'SUPPLIER', hostMsp: MSP, status: 'ACTIVE' },
  /** Another enterprise the same node hosts (a second SME of the alliance). */
  tenant: { id: '91370200MA0C00005K', kind: 'SUPPLIER', hostMsp: MSP, status: 'ACTIVE' },
  suspended: { id: '91370200MA0C000039', kind: 'SUPPLIER', hostMsp: MSP, status: 'SUSPENDED' },
  foreign: { id: '91370200MA0C000047', kind: 'BANK', hostMsp: 'BankAMSP', status: 'ACTIVE' },
} as const;

export async function seedEnterprises(db: Database): Promise<void> {
  const at = new Date('2026-01-05T02:00:00.000Z');
  for (const enterprise of Object.values(ENTERPRISES)) {
    await db.enterprise.create({
      data: {
        ...enterprise,
        name: `Enterprise ${enterprise.id}`,
        createdAt: at,
        updatedAt: at,
        updatedBy: 'test',
        txId: 't'.repeat(64),
        blockNumber: 1n,
      },
    });
  }
}

/** A clock the test moves by hand. */
export class TestClock {
  private at = Date.parse('2026-03-01T08:00:00.000Z');
  readonly now = (): Date => new Date(this.at);
  advanceHours(hours: number): void {
    this.at += hours * 3_600_000;
  }
  advanceSeconds(seconds: number): void {
    this.at += seconds * 1_000;
  }
}

export interface DirectoryFixture {
  directory: PrismaUserDirectory;
  ca: FakeCa;
  clock: TestClock;
  vault: KeyVault;
}

/** A directory on `db` with a fake CA and a hand-moved clock; `options` sets login limits and checks. */
export function directoryOn(
  db: Database,
  sessionHours = 12,
  options: Pick<PrismaUserDirectoryOptions, 'loginLimits' | 'sessionCheckMs'> = {},
): DirectoryFixture {
  const ca = new FakeCa();
  const clock = new TestClock();
  const vault = new KeyVault(randomBytes(32));
  const directory = new PrismaUserDirectory({
    ...options,
    db,
    ca,
    vault,
    mspId: MSP,
    operatorEnterpriseId: ENTERPRISES.own.id,
    sessionHours,
    now: clock.now,
  });
  return { directory, ca, clock, vault };
}

export const PASSWORD = 'correct horse battery';
