import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caIdentityName } from '../../src/auth/prisma-user-directory.ts';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { codesOf } from '../support/graphql-data.ts';
import { MemoryRegistry } from '../support/memory-registry.ts';
import { E, financing, seedEnterprises, userOf, voucher } from '../support/read-model-seed.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';

const PREPARE = `mutation { prepareAction(input: { disburse: { financingId: "F-4E", paymentReference: "PAY-4E" } }) {
  projection } }`;
const APPROVE = 'mutation($id: ID!) { approveAction(id: $id) { projection } }';
const DISBURSE = 'mutation { disburseFinancing(id: "F-4E", paymentReference: "PAY-4E") { projection } }';

/** A certificate identity whose CN is the CA identity the node enrolled for a user. */
const certificate = (cn: string): string => `x509::/OU=client/CN=${cn}::/CN=ca.banka`;
/** Bank A's approver as the harness signs it in (userOf('bankA')), and a clerk of bank A. */
const APPROVER_CN = caIdentityName('banka', 'user-bankA');
const CLERK_CN = 'banka.clerk.0a1b2c3d';

/**
 * A disbursement under four eyes registers at the registry only when approved: prepareAction
 * registers nothing, approveAction registers first and hands the registration to approval:Approve,
 * and an approval the ledger would refuse registers nothing.
 */
describe('a four-eyes disbursement is registered when approved, not when prepared', () => {
  let harness: ApiHarness;
  let registry: MemoryRegistry;
  let submissions: Submission[];

  async function approval(
    id: string,
    changes: {
      preparedBy?: string;
      preparedByMsp?: string;
      status?: string;
      enterpriseId?: string;
      action?: string;
    } = {},
  ): Promise<void> {
    const at = new Date('2026-01-05T02:00:00.000Z');
    await harness.db.approval.create({
      data: {
        id,
        enterpriseId: E.bankA,
        action: 'financing:Disburse',
        args: { financingId: 'F-4E', paymentReference: 'PAY-4E', registrationJson: '' },
        preparedByMsp: 'BankAMSP',
        preparedBy: certificate(CLERK_CN),
        preparedAt: at,
        status: 'PENDING',
        createdAt: at,
        updatedAt: at,
        updatedBy: `${E.bankA}/clerk@BankAMSP`,
        txId: id.padEnd(64, '0'),
        blockNumber: 100n,
        ...changes,
      },
    });
  }

  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    registry = new MemoryRegistry();
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs, registry });
    await seedEnterprises(harness.db);
    await harness.db.enterprise.update({ where: { id: E.bankA }, data: { fourEyes: true } });
    await harness.db.voucher.create({ data: voucher({ id: 'V-4E', debtorId: E.core, holderId: E.tier1 }) });
    await harness.db.financing.create({
      data: financing({
        id: 'F-4E',
        voucherId: 'V-4E',
        status: 'ACCEPTED',
        applicantId: E.tier1,
        bankId: E.bankA,
        debtorId: E.core,
      }),
    });
    await approval('A-OK');
    await approval('A-OWN', { preparedBy: certificate(APPROVER_CN) });
    await approval('A-REJECTED', { status: 'REJECTED' });
    await approval('A-CONFIRM', {
      action: 'invoice:Confirm',
      enterpriseId: E.core,
      preparedByMsp: 'CoreMSP',
    });
    // An embedded database starts first: more than the default 10 s on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    submissions.length = 0;
    registry.calls.length = 0;
  });

  it('prepares a disbursement without registering it: the registration travels empty', async () => {
    const result = await harness.graphql(PREPARE, {}, userOf('bankA', 'clerk'));
    expect(result.errors).toBeUndefined();
    expect(registry.calls).toEqual([]);
    expect(submissions.map((s) => [s.call, ...s.args])).toEqual([
      [
        'approval.Prepare',
        'financing:Disburse',
        JSON.stringify({ financingId: 'F-4E', paymentReference: 'PAY-4E', registrationJson: '' }),
      ],
    ]);
  });

  it('refuses a four-eyes bank disbursing directly before it registers (FOUR_EYES_REQUIRED)', async () => {
    expect(codesOf(await harness.graphql(DISBURSE, {}, userOf('bankA')))).toEqual(['FOUR_EYES_REQUIRED']);
    expect(registry.calls).toEqual([]);
    expect(submissions).toEqual([]);
  });

  it.each([
    ['its own preparer', 'A-OWN', 'bankA', 'approver', 'FOUR_EYES_SAME_IDENTITY'],
    ['a clerk', 'A-OK', 'bankA', 'clerk', 'FORBIDDEN'],
    ['another bank', 'A-OK', 'bankB', 'approver', 'FORBIDDEN'],
    ['an approval no longer pending', 'A-REJECTED', 'bankA', 'approver', 'INVALID_STATE'],
  ] as const)('registers nothing for %s', async (_, id, who, role, code) => {
    expect(codesOf(await harness.graphql(APPROVE, { id }, userOf(who, role)))).toEqual([code]);
    expect(registry.calls).toEqual([]);
    expect(submissions).toEqual([]);
  });

  it('registers when another approver approves, then submits Approve with the registration', async () => {
    await harness.graphql(APPROVE, { id: 'A-OK' }, userOf('bankA'));
    expect(registry.calls).toEqual(['search V-4E', `register V-4E ${E.bankA}`]);
    expect(submissions.map((s) => s.call)).toEqual(['approval.Approve']);
    const [id, registrationJson] = submissions[0]?.args ?? [];
    expect(id).toBe('A-OK');
    expect(JSON.parse(registrationJson ?? '')).toEqual({
      receivable: { voucherId: 'V-4E', debtorId: E.core, amount: '100000' },
      registration: registry.entries.get('V-4E'),
      search: { searchedAt: expect.any(String) as string, entries: [] },
    });
  });

  it('gives no registration with the approval of any other action', async () => {
    await harness.graphql(APPROVE, { id: 'A-CONFIRM' }, userOf('core'));
    expect(registry.calls).toEqual([]);
    expect(submissions.map((s) => [s.call, ...s.args])).toEqual([['approval.Approve', 'A-CONFIRM', '']]);
  });
});
