import { describe, expect, it } from 'vitest';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import { type Enterprise, ErrorCodes, Events } from '@scf/ledger-contract';
import { AFFILIATED_ADMIN_CERT, CLIENT_OU_CERT, SPOOFED_OU_CERT } from './support/certificates';
import { nodeOuAdmin, orgAdmin, userOf } from './support/callers';
import { establishCharter, withMemberKinds } from './support/charter';
import { creditCode, ENTERPRISES, MSP } from './support/enterprises';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { registerEnterprises } from './support/registration';

const contract = new EnterpriseContract();

describe('EnterpriseContract', () => {
  it('registers an enterprise hosted by the admin org, stamped, with one event', async () => {
    const ledger = new MemoryLedger();
    await establishCharter(ledger);
    const id = creditCode('91110000600037341');
    const saved = parse<Enterprise>(
      await ledger.submit(orgAdmin(MSP.core), (ctx) => contract.Register(ctx, id, 'Core Co', 'CORE')),
    );
    expect(saved).toMatchObject({ id, kind: 'CORE', hostMsp: MSP.core, status: 'ACTIVE', txId: 'tx000002' });
    expect(saved.updatedBy).toBe('ORG-ADMIN/admin@CoreFirmMSP');
    expect(ledger.events.map((event) => event.name)).toEqual([
      Events.CharterEstablished,
      Events.EnterpriseRegistered,
    ]);
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

  it.each([
    ['NUL', 'Core\u0000Co'],
    ['a newline', 'Core\nCo'],
    ['a tab', 'Core\tCo'],
    ['NEL (U+0085)', 'Core\u0085Co'],
    ['U+009F', 'Core\u009FCo'],
    ['a lone surrogate', 'Core \uD800Co'],
    ['201 characters once normalised', 'a'.repeat(200) + 'e\u0301'],
  ])('refuses a name with %s and writes nothing', async (_, name) => {
    const ledger = new MemoryLedger();
    await expect(
      ledger.submit(orgAdmin(MSP.core), (ctx) =>
        contract.Register(ctx, creditCode('91110000600037341'), name, 'CORE'),
      ),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidArgument });
    expect(ledger.state.size).toBe(0);
  });

  it('refuses to register before a consortium charter is established', async () => {
    const ledger = new MemoryLedger();
    await expect(
      ledger.submit(orgAdmin(MSP.core), (ctx) =>
        contract.Register(ctx, creditCode('91110000600037341'), 'Core Co', 'CORE'),
      ),
    ).rejects.toMatchObject({ code: ErrorCodes.InvalidState });
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('stores the name in NFC (e + combining acute as é), within 200 characters after normalising', async () => {
    const ledger = new MemoryLedger();
    await establishCharter(ledger);
    const id = creditCode('91110000600037341');
    const name = 'Cafe\u0301 '.padEnd(200, 'x') + 'e\u0301';
    const saved = parse<Enterprise>(
      await ledger.submit(orgAdmin(MSP.core), (ctx) => contract.Register(ctx, id, name, 'CORE')),
    );
    expect(saved.name).toBe(name.normalize('NFC'));
    expect(saved.name.startsWith('Caf\u00E9 ')).toBe(true);
    expect(Array.from(saved.name)).toHaveLength(200);
  });

  it.each<[string, TestCaller, string]>([
    ['its org admin identity (OU=admin, no scf attributes)', nodeOuAdmin(MSP.core), '-/-@CoreFirmMSP'],
    [
      'an admin with an affiliation (OU=org1 + OU=admin)',
      { mspId: MSP.core, certificate: AFFILIATED_ADMIN_CERT },
      '-/-@CoreFirmMSP',
    ],
    ['a user with scf.role=admin', orgAdmin(MSP.core), 'ORG-ADMIN/admin@CoreFirmMSP'],
  ])('lets an org admin register and suspend: %s', async (_, caller, updatedBy) => {
    const ledger = new MemoryLedger();
    await establishCharter(ledger);
    const id = creditCode('91110000600037341');
    await ledger.submit(caller, (ctx) => contract.Register(ctx, id, 'Core Co', 'CORE'));
    const suspended = parse<Enterprise>(
      await ledger.submit(caller, (ctx) => contract.SetStatus(ctx, id, 'SUSPENDED')),
    );
    expect(suspended).toMatchObject({ hostMsp: MSP.core, status: 'SUSPENDED', updatedBy });
  });

  it.each<[string, TestCaller]>([
    ['a client certificate without scf attributes', { mspId: MSP.core, certificate: CLIENT_OU_CERT }],
    [
      'a client whose CSR locality reads "/OU=admin" in its id',
      { mspId: MSP.core, certificate: SPOOFED_OU_CERT },
    ],
    ['an approver of an enterprise', userOf('core', 'approver')],
    ['a certificate that does not parse', { mspId: MSP.core, certificate: 'not a certificate' }],
  ])('refuses %s as no org admin', async (_, caller) => {
    const ledger = new MemoryLedger();
    await registerEnterprises(ledger);
    const id = creditCode('91110000600037341');
    await expect(
      ledger.submit(caller, (ctx) => contract.Register(ctx, id, 'Core Co', 'CORE')),
    ).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    await expect(
      ledger.submit(caller, (ctx) => contract.SetStatus(ctx, ENTERPRISES.core.id, 'SUSPENDED')),
    ).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
  });

  it.each<[string, TestCaller, string]>([
    [
      'a kind the charter does not list for the org (a core org hosting a supplier)',
      orgAdmin(MSP.core),
      'SUPPLIER',
    ],
    ['a bank org registering a core enterprise', orgAdmin(MSP.bankA), 'CORE'],
    ['an org that is not a member', orgAdmin('AuditMSP'), 'AUDITOR'],
    ['a member org registering a kind no member hosts', nodeOuAdmin(MSP.logistics), 'AUDITOR'],
  ])('refuses %s with FORBIDDEN and writes nothing', async (_, caller, kind) => {
    const ledger = new MemoryLedger();
    await establishCharter(ledger);
    const before = ledger.state.size;
    await expect(
      ledger.submit(caller, (ctx) => contract.Register(ctx, creditCode('91110000600037341'), 'X Co', kind)),
    ).rejects.toMatchObject({ code: ErrorCodes.Forbidden });
    expect(ledger.state.size).toBe(before);
    expect(ledger.events).toHaveLength(1);
  });

  it('registers any kind the charter lists for the org', async () => {
    const ledger = new MemoryLedger();
    await establishCharter(ledger, withMemberKinds(MSP.core, ['CORE', 'SUPPLIER']));
    const supplier = parse<Enterprise>(
      await ledger.submit(orgAdmin(MSP.core), (ctx) =>
        contract.Register(ctx, creditCode('91110000600037341'), 'In-house', 'SUPPLIER'),
      ),
    );
    expect(supplier).toMatchObject({ kind: 'SUPPLIER', hostMsp: MSP.core });
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

  it('answers NOT_FOUND for an unknown enterprise', async () => {
    const ledger = new MemoryLedger();
    await expect(
      ledger.evaluate(userOf('core', 'clerk'), (ctx) => contract.Get(ctx, 'nope')),
    ).rejects.toMatchObject({
      code: ErrorCodes.NotFound,
    });
  });
});
