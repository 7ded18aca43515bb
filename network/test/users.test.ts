import { describe, expect, it } from 'vitest';
import { loadConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { StatePaths } from '../scripts/paths.ts';
import { planned } from './support/planned.ts';
import { enrollUser, UserError, type Role } from '../scripts/users.ts';

const ctx: NetworkContext = {
  ...planned(loadConfig()),
  paths: new StatePaths('/nonexistent'),
  tools: { binDir: '/bin', configDir: '/cfg', version: 'x' },
  log: () => undefined,
};

describe('enrollUser input checks (before any CA is contacted)', () => {
  it.each([
    ['a reserved name', { name: 'admin' }, /must match/],
    ['an orderer name', { name: 'orderer0' }, /must match/],
    ['an upper-case name', { name: 'Alice' }, /must match/],
    ['an enterprise id with spaces', { enterpriseId: 'A B' }, /enterprise id "A B"/],
    ['an unknown role', { role: 'boss' as Role }, /role "boss" must be one of clerk, approver, admin/],
  ])('refuses %s', async (_, change, message) => {
    const request = {
      org: 'supplier',
      name: 'alice',
      enterpriseId: 'SUP0001',
      role: 'clerk' as Role,
      ...change,
    };
    const attempt = enrollUser(ctx, request);
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses an org that is not a member', async () => {
    await expect(
      enrollUser(ctx, { org: 'orderer', name: 'alice', enterpriseId: 'X1', role: 'clerk' }),
    ).rejects.toThrow(/unknown org "orderer"/);
  });
});
