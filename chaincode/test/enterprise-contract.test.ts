import { describe, expect, it } from 'vitest';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import { ErrorCodes } from '../src/lib/errors';
import { Events } from '../src/lib/events';
import type { Enterprise } from '../src/model/enterprise';
import type { Page } from '../src/lib/query';
import { MemoryLedger } from './support/memory-stub';
import { creditCode, ENTERPRISES, MSP, orgAdmin, registerEnterprises, userOf } from './support/fixtures';

const contract = new EnterpriseContract();
const parse = <T>(text: string): T => JSON.parse(text) as T;

describe('EnterpriseContract', () => {
  it('registers an enterprise hosted by the admin org, stamped and indexed, with one event', async () => {
    const ledger = new MemoryLedger();
    const id = creditCode('91110000600037341');
    const saved = parse<Enterprise>(
      await ledger.submit(orgAdmin(MSP.core), (ctx) => contract.Register(ctx, id, 'Core Co', 'CORE')),
    );
    expect(saved).toMatchObject({ id, kind: 'CORE', hostMsp: MSP.core, status: 'ACTIVE', txId: 'tx000001' });
    expect(saved.updatedBy).toBe('ORG-ADMIN/admin@CoreFirmMSP');
    expect(ledger.events.map((event) => event.name)).toEqual([Events.EnterpriseRegistered]);
    const read = parse<Enterprise>(
      await ledger.evaluate(userOf('bankA', 'clerk'), (ctx) => contract.Get(ctx, id)),
    );
    expect(read).toEqual(saved);
  });

  it.each([
    [
      'a non-admin caller',
      userOf('core', 'approver'),
      ['91110000600037341', 'X', 'CORE'],
      ErrorCodes.Forbidden,
    ],
    [
      'a bad check character',
      orgAdmin(MSP.core),
      ['911100006000373410', 'X', 'CORE'],
      ErrorCodes.InvalidArgument,
    ],
    ['a short credit code', orgAdmin(MSP.core), ['9111', 'X', 'CORE'], ErrorCodes.InvalidArgument],
    [
      'an unknown kind',
      orgAdmin(MSP.core),
      [creditCode('91110000600037341'), 'X', 'FACTORY'],
      ErrorCodes.InvalidArgument,
    ],
    [
      'an empty name',
      orgAdmin(MSP.core),
      [creditCode('91110000600037341'), ' ', 'CORE'],
      ErrorCodes.InvalidArgument,
    ],
  ])('refuses %s and writes nothing', async (_, caller, args, code) => {
    const ledger = new MemoryLedger();
    const [id = '', name = '', kind = ''] = args;
    await expect(
      ledger.submit(caller, (ctx) => contract.Register(ctx, id, name, kind)),
    ).rejects.toMatchObject({ code });
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('refuses to register the same credit code twice', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const { id } = ENTERPRISES.tier1;
    await expect(
      ledger.submit(orgAdmin(MSP.supplier), (ctx) => contract.Register(ctx, id, 'Again', 'SUPPLIER')),
    ).rejects.toMatchObject({ code: ErrorCodes.AlreadyExists });
  });

  it('lets only the hosting org admin suspend an enterprise, once', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const { id } = ENTERPRISES.tier2;
    await expect(
      ledger.submit(orgAdmin(MSP.bankA), (ctx) => contract.SetStatus(ctx, id, 'SUSPENDED')),
    ).rejects.toMatchObject({
      code: ErrorCodes.Forbidden,
    });
    const suspended = parse<Enterprise>(
      await ledger.submit(orgAdmin(MSP.supplier), (ctx) => contract.SetStatus(ctx, id, 'SUSPENDED')),
    );
    expect(suspended.status).toBe('SUSPENDED');
    await expect(
      ledger.submit(orgAdmin(MSP.supplier), (ctx) => contract.SetStatus(ctx, id, 'SUSPENDED')),
    ).rejects.toMatchObject({
      code: ErrorCodes.InvalidState,
    });
  });

  it('lists enterprises by kind a page at a time', async () => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const reader = userOf('core', 'clerk');
    const first = parse<Page<Enterprise>>(
      await ledger.evaluate(reader, (ctx) => contract.ListByKind(ctx, 'SUPPLIER', '2', '')),
    );
    expect(first.items).toHaveLength(2);
    const second = parse<Page<Enterprise>>(
      await ledger.evaluate(reader, (ctx) => contract.ListByKind(ctx, 'SUPPLIER', '2', first.bookmark)),
    );
    expect(second.items).toHaveLength(1);
    expect(second.bookmark).toBe('');
    const all = [...first.items, ...second.items].map((item) => item.id).sort();
    expect(all).toEqual([ENTERPRISES.tier1.id, ENTERPRISES.tier2.id, ENTERPRISES.tier3.id].sort());
    await expect(
      ledger.evaluate(reader, (ctx) => contract.ListByKind(ctx, 'SUPPLIER', '0', '')),
    ).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
  });

  it('answers NOT_FOUND for an unknown enterprise', async () => {
    const ledger = new MemoryLedger();
    await expect(
      ledger.evaluate(userOf('core', 'clerk'), (ctx) => contract.Get(ctx, 'nope')),
    ).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});
