import { beforeEach, describe, expect, it } from 'vitest';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import {
  type Charter,
  type CharterProposal,
  type CharterTerms,
  type ErrorCode,
  ErrorCodes,
  Events,
  ObjectTypes,
} from '@scf/ledger-contract';
import { CharterIndexes, MAX_OPEN_PROPOSALS } from '../src/repositories/charters';
import { CLIENT_OU_CERT, SPOOFED_OU_CERT } from './support/certificates';
import { nodeOuAdmin, orgAdmin, userOf } from './support/callers';
import {
  approve,
  CHARTER_TERMS,
  charterPolicy,
  charters as contract,
  establishCharter,
  proposalIdOf,
  propose,
  withMemberKinds,
} from './support/charter';
import { START_TIME } from './support/clock';
import { creditCode, MSP } from './support/enterprises';
import { lastEvent } from './support/events';
import { expectRefused } from './support/expect-refused';
import { hasIndex, key, patchStored } from './support/ledger-state';
import { MemoryLedger, type TestCaller } from './support/memory-stub';
import { parse } from './support/parse';
import { registerEnterprises } from './support/registration';

const ALL_MSPS = [MSP.bankA, MSP.bankB, MSP.core, MSP.logistics, MSP.supplier];
/** The default terms plus an auditors' org: six members, so a majority is four. */
const WITH_AUDITOR = withMemberKinds('AuditMSP', ['AUDITOR']);

let ledger: MemoryLedger;

beforeEach(() => {
  ledger = new MemoryLedger();
});

const getCharter = async (): Promise<Charter> =>
  parse<Charter>(await ledger.evaluate(userOf('tier1', 'clerk'), (ctx) => contract.Get(ctx)));
const getProposal = async (id: string): Promise<CharterProposal> =>
  parse<CharterProposal>(
    await ledger.evaluate(userOf('tier1', 'clerk'), (ctx) => contract.GetProposal(ctx, id)),
  );
const establish = (terms: unknown, caller: TestCaller = orgAdmin(MSP.core)) =>
  ledger.submit(caller, (ctx) =>
    contract.Establish(ctx, typeof terms === 'string' ? terms : JSON.stringify(terms)),
  );

describe('CharterContract.Establish', () => {
  it('writes version 1 in canonical order, binds it to a majority of members, with one event', async () => {
    const shuffled = {
      rateQuorum: 2,
      ratePublishers: [MSP.bankB, MSP.bankA],
      members: [
        { kinds: ['SUPPLIER', 'CORE'], mspId: MSP.core },
        { mspId: MSP.supplier, kinds: ['SUPPLIER'] },
        { mspId: MSP.bankB, kinds: ['BANK'] },
        { mspId: MSP.logistics, kinds: ['LOGISTICS'] },
        { mspId: MSP.bankA, kinds: ['BANK'] },
      ],
    };
    const saved = parse<Charter>(await establish(shuffled));
    expect(saved).toEqual({
      docType: 'charter',
      id: 'consortium',
      version: 1,
      members: [
        { mspId: MSP.bankA, kinds: ['BANK'] },
        { mspId: MSP.bankB, kinds: ['BANK'] },
        { mspId: MSP.core, kinds: ['CORE', 'SUPPLIER'] },
        { mspId: MSP.logistics, kinds: ['LOGISTICS'] },
        { mspId: MSP.supplier, kinds: ['SUPPLIER'] },
      ],
      ratePublishers: [MSP.bankA, MSP.bankB],
      rateQuorum: 2,
      createdAt: START_TIME,
      updatedAt: START_TIME,
      txId: 'tx000001',
      updatedBy: `ORG-ADMIN/admin@${MSP.core}`,
    });
    expect(await getCharter()).toEqual(saved);
    expect(lastEvent(ledger)).toEqual({ name: Events.CharterEstablished, records: [saved] });
    expect(charterPolicy(ledger)).toEqual({
      required: 3,
      roles: ['PEER', 'PEER', 'PEER', 'PEER', 'PEER'],
      orgs: ALL_MSPS,
      signedBy: [0, 1, 2, 3, 4],
    });
  });

  it('gives the same bytes for the same terms in any order', async () => {
    await establish(CHARTER_TERMS);
    const other = new MemoryLedger();
    const reversed = {
      members: [...CHARTER_TERMS.members].reverse(),
      ratePublishers: [...CHARTER_TERMS.ratePublishers].reverse(),
      rateQuorum: 2,
    };
    await other.submit(orgAdmin(MSP.core), (ctx) => contract.Establish(ctx, JSON.stringify(reversed)));
    const charterKey = key('charter', 'consortium');
    expect(Buffer.from(other.state.get(charterKey) ?? []).toString()).toBe(
      Buffer.from(ledger.state.get(charterKey) ?? []).toString(),
    );
  });

  it("accepts the org's own admin identity (OU=admin, no scf attributes)", async () => {
    const saved = parse<Charter>(await establish(CHARTER_TERMS, nodeOuAdmin(MSP.bankA)));
    expect(saved).toMatchObject({ version: 1, updatedBy: `-/-@${MSP.bankA}` });
  });

  it('binds a one-member charter to that member alone', async () => {
    await establish({
      members: [{ mspId: MSP.core, kinds: ['CORE'] }],
      ratePublishers: [MSP.core],
      rateQuorum: 1,
    });
    expect(charterPolicy(ledger)).toMatchObject({ required: 1, orgs: [MSP.core] });
  });

  it.each<[string, TestCaller]>([
    ['a client certificate without attributes', { mspId: MSP.core, certificate: CLIENT_OU_CERT }],
    ['a client with "/OU=admin" in its CSR locality', { mspId: MSP.core, certificate: SPOOFED_OU_CERT }],
    ['an approver', { mspId: MSP.core, attrs: { 'scf.enterpriseId': 'X', 'scf.role': 'approver' } }],
    ['an org admin of an org the terms do not name', orgAdmin('AuditMSP')],
  ])('refuses %s with FORBIDDEN and writes nothing', async (_, caller) => {
    await expectRefused(ledger, () => establish(CHARTER_TERMS, caller), ErrorCodes.Forbidden);
  });

  it('refuses a second charter, even with other terms or from another member', async () => {
    await establishCharter(ledger);
    await expectRefused(ledger, () => establish(CHARTER_TERMS), ErrorCodes.AlreadyExists);
    await expectRefused(ledger, () => establish(WITH_AUDITOR, orgAdmin(MSP.bankB)), ErrorCodes.AlreadyExists);
  });

  const member = (mspId: unknown, kinds: unknown = ['CORE']) => ({ mspId, kinds });
  const terms = (changes: Record<string, unknown>) => ({ ...CHARTER_TERMS, ...changes });
  it.each<[string, unknown]>([
    ['terms that are not JSON', '{members: []}'],
    ['terms that are a list', '[]'],
    ['terms that are null', 'null'],
    ['a missing rate quorum', { members: CHARTER_TERMS.members, ratePublishers: [MSP.bankA] }],
    ['an unknown key', terms({ chair: MSP.core })],
    ['no members', terms({ members: [] })],
    ['members that are not a list', terms({ members: { mspId: MSP.core } })],
    ['a member that is not an object', terms({ members: [MSP.core] })],
    ['a member with an extra key', terms({ members: [{ mspId: MSP.bankA, kinds: ['BANK'], seats: 2 }] })],
    ['a member without kinds', terms({ members: [{ mspId: MSP.bankA }] })],
    [
      'an MSP id with a space',
      terms({ members: [member('Core MSP')], ratePublishers: ['Core MSP'], rateQuorum: 1 }),
    ],
    [
      'an MSP id with an underscore',
      terms({ members: [member('Core_MSP')], ratePublishers: ['Core_MSP'], rateQuorum: 1 }),
    ],
    [
      'an MSP id of 65 characters',
      terms({ members: [member('M'.repeat(65))], ratePublishers: ['M'.repeat(65)], rateQuorum: 1 }),
    ],
    ['an empty MSP id', terms({ members: [member('')] })],
    ['an MSP id that is a number', terms({ members: [member(7)] })],
    ['an MSP id with NUL', terms({ members: [member('Core\u0000MSP')] })],
    ['the same MSP twice', terms({ members: [...CHARTER_TERMS.members, member(MSP.core)] })],
    [
      'a member with no kinds',
      terms({ members: [member(MSP.bankA, []), ...CHARTER_TERMS.members.slice(1)] }),
    ],
    [
      'a member with kinds that are not a list',
      terms({ members: [member(MSP.bankA, 'BANK'), ...CHARTER_TERMS.members.slice(1)] }),
    ],
    [
      'an unknown kind',
      terms({ members: [member(MSP.bankA, ['FACTORY']), ...CHARTER_TERMS.members.slice(1)] }),
    ],
    [
      'a kind twice',
      terms({ members: [member(MSP.bankA, ['BANK', 'BANK']), ...CHARTER_TERMS.members.slice(1)] }),
    ],
    [
      'more than 100 members',
      terms({ members: Array.from({ length: 101 }, (_, i) => member(`Org${i}MSP`)) }),
    ],
    ['no rate publishers', terms({ ratePublishers: [] })],
    ['rate publishers that are not a list', terms({ ratePublishers: MSP.bankA })],
    ['a rate publisher that is not a member', terms({ ratePublishers: [MSP.bankA, 'BankCMSP'] })],
    ['a rate publisher twice', terms({ ratePublishers: [MSP.bankA, MSP.bankA] })],
    ['a rate publisher that is not an MSP id', terms({ ratePublishers: [MSP.bankA, 7] })],
    ['a quorum of 0', terms({ rateQuorum: 0 })],
    ['a quorum above the publishers', terms({ rateQuorum: 3 })],
    ['a fractional quorum', terms({ rateQuorum: 1.5 })],
    ['a quorum written as a string', terms({ rateQuorum: '2' })],
  ])('refuses %s with INVALID_ARGUMENT', async (_, value) => {
    await expectRefused(ledger, () => establish(value), ErrorCodes.InvalidArgument);
  });

  it('accepts the limits: a 64-character MSP id of letters, digits, dots and dashes, and every kind', async () => {
    const longId = `${'a'.repeat(30)}.${'B'.repeat(29)}-012`;
    const saved = parse<Charter>(
      await establish({
        members: [
          { mspId: longId, kinds: ['AUDITOR', 'SUPPLIER', 'LOGISTICS', 'BANK', 'CORE'] },
          member(MSP.core),
        ],
        ratePublishers: [longId, MSP.core],
        rateQuorum: 2,
      }),
    );
    expect(longId).toHaveLength(64);
    expect(saved.members[1]).toEqual({
      mspId: longId,
      kinds: ['AUDITOR', 'BANK', 'CORE', 'LOGISTICS', 'SUPPLIER'],
    });
  });
});

describe('CharterContract.Get', () => {
  it('answers NOT_FOUND before the charter is established', async () => {
    await expect(getCharter()).rejects.toMatchObject({ code: ErrorCodes.NotFound });
  });
});

describe('CharterContract.Propose and Approve', () => {
  beforeEach(async () => {
    await registerEnterprises(ledger);
  });

  it('opens a proposal approved by the proposing org, with one event; the charter stays', async () => {
    const before = await getCharter();
    const proposal = await propose(ledger, WITH_AUDITOR);
    const id = proposalIdOf(1, WITH_AUDITOR);
    expect(proposal).toEqual({
      docType: 'charterproposal',
      id,
      baseVersion: 1,
      terms: WITH_AUDITOR,
      approvals: [MSP.core],
      status: 'OPEN',
      proposedBy: MSP.core,
      createdAt: START_TIME,
      updatedAt: START_TIME,
      txId: proposal.txId,
      updatedBy: `ORG-ADMIN/admin@${MSP.core}`,
    });
    expect(await getProposal(id)).toEqual(proposal);
    expect(lastEvent(ledger)).toEqual({ name: Events.CharterProposed, records: [proposal] });
    expect(hasIndex(ledger, CharterIndexes.proposalsByStatus, ['OPEN'], id)).toBe(true);
    expect(await getCharter()).toEqual(before);
  });

  it('records approvals until a majority of the members adopts it, then amends the charter', async () => {
    const proposal = await propose(ledger, WITH_AUDITOR);
    const second = await approve(ledger, proposal.id, nodeOuAdmin(MSP.supplier));
    expect(second).toMatchObject({ status: 'OPEN', approvals: [MSP.core, MSP.supplier] });
    expect(lastEvent(ledger)).toEqual({ name: Events.CharterProposalApproved, records: [second] });
    expect((await getCharter()).version).toBe(1);

    const adopted = await approve(ledger, proposal.id, orgAdmin(MSP.bankA));
    expect(adopted).toMatchObject({
      status: 'ADOPTED',
      approvals: [MSP.bankA, MSP.core, MSP.supplier],
      updatedBy: `ORG-ADMIN/admin@${MSP.bankA}`,
    });
    const charter = await getCharter();
    expect(charter).toMatchObject({ version: 2, ...WITH_AUDITOR, createdAt: START_TIME, txId: adopted.txId });
    expect(lastEvent(ledger)).toEqual({ name: Events.CharterAmended, records: [adopted, charter] });
    expect(hasIndex(ledger, CharterIndexes.proposalsByStatus, ['OPEN'], proposal.id)).toBe(false);
    expect(hasIndex(ledger, CharterIndexes.proposalsByStatus, ['ADOPTED'], proposal.id)).toBe(true);
    // Six members now: a later change needs peers of four of them.
    expect(charterPolicy(ledger)).toMatchObject({ required: 4, orgs: ['AuditMSP', ...ALL_MSPS] });
  });

  it('lets the amended charter govern registration and who may propose', async () => {
    const withoutLogistics: CharterTerms = {
      ...WITH_AUDITOR,
      members: WITH_AUDITOR.members.filter((entry) => entry.mspId !== MSP.logistics),
    };
    const proposal = await propose(ledger, withoutLogistics);
    await approve(ledger, proposal.id, orgAdmin(MSP.supplier));
    await approve(ledger, proposal.id, orgAdmin(MSP.logistics));
    const auditor = creditCode('91350200MA0000014');
    await ledger.submit(nodeOuAdmin('AuditMSP'), (ctx) =>
      new EnterpriseContract().Register(ctx, auditor, 'Audit Co', 'AUDITOR'),
    );
    await expectRefused(
      ledger,
      () =>
        ledger.submit(orgAdmin(MSP.logistics), (ctx) =>
          new EnterpriseContract().Register(ctx, creditCode('91350200MA0000015'), 'Carrier 2', 'LOGISTICS'),
        ),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => propose(ledger, CHARTER_TERMS, orgAdmin(MSP.logistics)),
      ErrorCodes.Forbidden,
    );
    expect(await propose(ledger, CHARTER_TERMS, nodeOuAdmin('AuditMSP'))).toMatchObject({ baseVersion: 2 });
  });

  it('supersedes the other open proposals when one is adopted', async () => {
    const chosen = await propose(ledger, WITH_AUDITOR);
    const other = await propose(ledger, { ...CHARTER_TERMS, rateQuorum: 1 }, orgAdmin(MSP.bankB));
    const third = await propose(
      ledger,
      withMemberKinds(MSP.core, ['CORE', 'SUPPLIER']),
      orgAdmin(MSP.supplier),
    );
    await approve(ledger, chosen.id, orgAdmin(MSP.supplier));
    const adopted = await approve(ledger, chosen.id, orgAdmin(MSP.logistics));
    const superseded = [other, third].sort((a, b) => (a.id < b.id ? -1 : 1));
    const { name, records } = lastEvent(ledger);
    expect(name).toBe(Events.CharterAmended);
    expect(records.map((record) => [record.docType, record.id])).toEqual([
      ['charterproposal', adopted.id],
      ['charter', 'consortium'],
      ...superseded.map((proposal) => ['charterproposal', proposal.id]),
    ]);
    for (const proposal of superseded) {
      expect(await getProposal(proposal.id)).toMatchObject({
        status: 'SUPERSEDED',
        approvals: proposal.approvals,
      });
      expect(hasIndex(ledger, CharterIndexes.proposalsByStatus, ['SUPERSEDED'], proposal.id)).toBe(true);
      expect(hasIndex(ledger, CharterIndexes.proposalsByStatus, ['OPEN'], proposal.id)).toBe(false);
      await expectRefused(
        ledger,
        () => approve(ledger, proposal.id, orgAdmin(MSP.core)),
        ErrorCodes.InvalidState,
      );
    }
  });

  it('adopts at once when the proposing org alone is a majority', async () => {
    const tiny = new MemoryLedger();
    await establishCharter(tiny, {
      members: [{ mspId: MSP.core, kinds: ['CORE'] }],
      ratePublishers: [MSP.core],
      rateQuorum: 1,
    });
    const adopted = await propose(tiny, CHARTER_TERMS);
    expect(adopted).toMatchObject({ status: 'ADOPTED', approvals: [MSP.core], baseVersion: 1 });
    const charter = parse<Charter>(await tiny.evaluate(orgAdmin(MSP.core), (ctx) => contract.Get(ctx)));
    expect(charter).toMatchObject({ version: 2, ...CHARTER_TERMS });
    expect(lastEvent(tiny)).toEqual({ name: Events.CharterAmended, records: [adopted, charter] });
    expect(charterPolicy(tiny)).toMatchObject({ required: 3, orgs: ALL_MSPS });
  });

  it('needs both orgs of a two-member consortium', async () => {
    const pair = new MemoryLedger();
    const two: CharterTerms = {
      members: [
        { mspId: MSP.bankA, kinds: ['BANK'] },
        { mspId: MSP.core, kinds: ['CORE'] },
      ],
      ratePublishers: [MSP.bankA],
      rateQuorum: 1,
    };
    await establishCharter(pair, two);
    expect(charterPolicy(pair)).toMatchObject({ required: 2, orgs: [MSP.bankA, MSP.core] });
    const proposal = await propose(pair, CHARTER_TERMS);
    expect(proposal.status).toBe('OPEN');
    expect((await approve(pair, proposal.id, orgAdmin(MSP.bankA))).status).toBe('ADOPTED');
  });

  it('refuses the same proposal twice, however its terms are ordered and whoever proposes it', async () => {
    await propose(ledger, WITH_AUDITOR);
    const reordered = { ...WITH_AUDITOR, members: [...WITH_AUDITOR.members].reverse() };
    await expectRefused(
      ledger,
      () => propose(ledger, reordered, orgAdmin(MSP.bankB)),
      ErrorCodes.AlreadyExists,
    );
  });

  it.each<[string, TestCaller, ErrorCode]>([
    ['an org admin of a non-member', orgAdmin('AuditMSP'), ErrorCodes.Forbidden],
    ['an enterprise approver', userOf('core', 'approver'), ErrorCodes.Forbidden],
    ['a spoofed OU', { mspId: MSP.core, certificate: SPOOFED_OU_CERT }, ErrorCodes.Forbidden],
  ])('Propose refuses %s', async (_, caller, code) => {
    await expectRefused(ledger, () => propose(ledger, WITH_AUDITOR, caller), code);
  });

  it('Propose refuses invalid terms, and any proposal before a charter exists', async () => {
    await expectRefused(
      ledger,
      () => propose(ledger, { ...CHARTER_TERMS, rateQuorum: 0 }),
      ErrorCodes.InvalidArgument,
    );
    const bare = new MemoryLedger();
    await expectRefused(bare, () => propose(bare, CHARTER_TERMS), ErrorCodes.InvalidState);
  });

  it('Approve refuses an org that already approved, a non-member, a non-admin and bad ids', async () => {
    const proposal = await propose(ledger, WITH_AUDITOR);
    await expectRefused(
      ledger,
      () => approve(ledger, proposal.id, nodeOuAdmin(MSP.core)),
      ErrorCodes.AlreadyExists,
    );
    await expectRefused(
      ledger,
      () => approve(ledger, proposal.id, orgAdmin('AuditMSP')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => approve(ledger, proposal.id, userOf('bankA', 'approver')),
      ErrorCodes.Forbidden,
    );
    await expectRefused(
      ledger,
      () => approve(ledger, 'ab'.repeat(32), orgAdmin(MSP.bankA)),
      ErrorCodes.NotFound,
    );
    await expectRefused(
      ledger,
      () => approve(ledger, 'not-an-id', orgAdmin(MSP.bankA)),
      ErrorCodes.InvalidArgument,
    );
    await expect(getProposal('ab'.repeat(32))).rejects.toMatchObject({ code: ErrorCodes.NotFound });
    await expect(getProposal(proposal.id.toUpperCase())).rejects.toMatchObject({
      code: ErrorCodes.InvalidArgument,
    });
  });

  it('Approve refuses an ADOPTED proposal', async () => {
    const proposal = await propose(ledger, WITH_AUDITOR);
    await approve(ledger, proposal.id, orgAdmin(MSP.bankA));
    await approve(ledger, proposal.id, orgAdmin(MSP.bankB));
    await expectRefused(
      ledger,
      () => approve(ledger, proposal.id, orgAdmin(MSP.supplier)),
      ErrorCodes.InvalidState,
    );
  });

  it('Approve refuses an OPEN proposal of an older version and marks nothing', async () => {
    // More open proposals than an adoption supersedes would stay OPEN on their old base version.
    expect(MAX_OPEN_PROPOSALS).toBeGreaterThan(0);
    const stale = await propose(ledger, WITH_AUDITOR);
    patchStored(ledger, ObjectTypes.CharterProposal, stale.id, { baseVersion: 0 });
    await expectRefused(
      ledger,
      () => approve(ledger, stale.id, orgAdmin(MSP.bankA)),
      ErrorCodes.InvalidState,
    );
  });
});
