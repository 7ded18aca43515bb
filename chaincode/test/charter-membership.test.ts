import { beforeEach, describe, expect, it } from 'vitest';
import { EnterpriseContract } from '../src/contracts/enterprise-contract';
import { type CharterTerms, ErrorCodes } from '@scf/ledger-contract';
import { nodeOuAdmin, orgAdmin, userOf } from './support/callers';
import { amendCharter, CHARTER_TERMS, withMemberKinds } from './support/charter';
import { creditLines, grantLine } from './support/credit-lines';
import { creditCode, ENTERPRISES, MSP } from './support/enterprises';
import { expectRefused } from './support/expect-refused';
import { MemoryLedger } from './support/memory-stub';
import { registerEnterprises } from './support/registration';

const enterprises = new EnterpriseContract();

/** The default charter without bank B: bank A alone publishes rates. */
const WITHOUT_BANK_B: CharterTerms = {
  members: CHARTER_TERMS.members.filter((member) => member.mspId !== MSP.bankB),
  ratePublishers: [MSP.bankA],
  rateQuorum: 1,
};

let ledger: MemoryLedger;

beforeEach(async () => {
  ledger = new MemoryLedger();
  await registerEnterprises(ledger);
});

const grant = (bank: 'bankA' | 'bankB') =>
  ledger.submit(userOf(bank, 'approver'), (ctx) =>
    creditLines.Grant(ctx, ENTERPRISES.core.id, '500000000', '2026-12-31'),
  );

describe('an org the charter no longer lists', () => {
  it('cannot write through its enterprises, its org admin, or its node admin, and writes nothing', async () => {
    await grantLine(ledger, 'bankB');
    const amended = await amendCharter(ledger, WITHOUT_BANK_B);
    expect(amended.members.map((member) => member.mspId)).not.toContain(MSP.bankB);

    await expectRefused(ledger, () => grant('bankB'), ErrorCodes.Forbidden);
    await expect(grant('bankB')).rejects.toThrow(
      `${MSP.bankB}, host of ${ENTERPRISES.bankB.id}, is not a member of the consortium charter`,
    );
    for (const admin of [orgAdmin(MSP.bankB), nodeOuAdmin(MSP.bankB)]) {
      await expectRefused(
        ledger,
        () => ledger.submit(admin, (ctx) => enterprises.SetStatus(ctx, ENTERPRISES.bankB.id, 'SUSPENDED')),
        ErrorCodes.Forbidden,
      );
      await expectRefused(
        ledger,
        () =>
          ledger.submit(admin, (ctx) =>
            enterprises.Register(ctx, creditCode('91110000MA0000B09'), 'Bank B Branch', 'BANK'),
          ),
        ErrorCodes.Forbidden,
      );
    }
    // Its enterprises stay on the ledger, readable by everyone; the members' writes go on.
    await expect(
      ledger.evaluate(userOf('tier1', 'clerk'), (ctx) => enterprises.Get(ctx, ENTERPRISES.bankB.id)),
    ).resolves.toContain('"status":"ACTIVE"');
    await expect(grant('bankA')).resolves.toContain('"status":"ACTIVE"');
  });

  it('writes again once an amendment lists it again', async () => {
    await amendCharter(ledger, WITHOUT_BANK_B);
    await amendCharter(ledger, CHARTER_TERMS);
    await expect(grant('bankB')).resolves.toContain('"status":"ACTIVE"');
  });

  it('cannot write through an enterprise of a kind the charter withdrew from its org', async () => {
    await amendCharter(ledger, withMemberKinds(MSP.bankA, ['AUDITOR']));
    await expectRefused(ledger, () => grant('bankA'), ErrorCodes.Forbidden);
    await expect(grant('bankA')).rejects.toThrow(
      `the charter no longer lets ${MSP.bankA} host BANK enterprises`,
    );
  });
});
