import type { Config } from '../config.ts';
import type { PrismaUserDirectory } from './prisma-user-directory.ts';
import type { SessionUser } from './session-user.ts';

export type AdminConfig = Pick<
  Config,
  'SCF_ADMIN_USER' | 'SCF_ADMIN_PASSWORD' | 'SCF_ADMIN_ENTERPRISE_ID' | 'SCF_ADMIN_ENTERPRISE_KIND'
>;

/**
 * Makes sure the org's first admin exists, so a fresh node can be logged in to at all. Runs on every
 * start: an existing user of that name is left as it is (its password may have been changed since).
 * The admin's enterprise need not be in the read model yet: the server registers it on the ledger
 * right after, with the service identity, and the projector brings it in.
 */
export async function ensureAdmin(
  users: Pick<PrismaUserDirectory, 'findByUsername' | 'enrollAndStore'>,
  config: AdminConfig,
): Promise<{ user: SessionUser; created: boolean }> {
  const existing = await users.findByUsername(config.SCF_ADMIN_USER);
  if (existing) return { user: existing, created: false };
  const admin = {
    username: config.SCF_ADMIN_USER,
    password: config.SCF_ADMIN_PASSWORD,
    displayName: 'Administrator',
    role: 'admin',
    enterpriseId: config.SCF_ADMIN_ENTERPRISE_ID,
  } as const;
  try {
    return { user: await users.enrollAndStore(admin, config.SCF_ADMIN_ENTERPRISE_KIND), created: true };
  } catch (error) {
    // Another process of this node started at the same moment and created it first.
    const raced = await users.findByUsername(config.SCF_ADMIN_USER);
    if (raced) return { user: raced, created: false };
    throw error;
  }
}
