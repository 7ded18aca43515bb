import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LedgerError, submit } from '../../src/ledger/index.ts';
import { Consortium, PARTIES } from '../support/consortium.ts';
import { directRegistration } from '../support/registration.ts';
import type { SharedLedger } from './ledger-network.ts';
import { Steps } from './steps.ts';
import { cstDate, offerTerms, sha } from '../support/values.ts';

/** A business date (China Standard Time) `days` from now. */

/** Runs `body` with the client clock (and so the proposal timestamps) set to 10:00 CST on `date`. */
async function on<T>(date: string, body: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${date}T02:00:00Z`));
  try {
    return await body();
  } finally {
    vi.useRealTimers();
  }
}

/** The supply-chain finance life cycle on the shared ledger, each party through its own org. */
export function scfLedgerSuite(shared: () => SharedLedger): void {
  describe('supply-chain finance ledger on the real 5-org network', () => {
    let consortium: Consortium;
    const today = cstDate(0);
    const maturity = cstDate(30);

    beforeAll(() => {
      consortium = shared().consortium;
    });

    const steps = new Steps();
    const act = steps.act.bind(steps);
    const view = steps.view.bind(steps);

    /** Registers an invoice from `seller` to `buyer`, returning its id. */
    async function invoice(
      seller: 'tier1' | 'tier2',
      buyer: 'core' | 'tier1',
      number: string,
      amount: string,
    ): Promise<string> {
      const clerk = await consortium.as(seller, 'clerk');
      const registered = await act(clerk, (ledger) =>
        ledger.invoice.Register({
          number,
          buyerId: PARTIES[buyer].id,
          amount,
          issueDate: today,
          dueDate: maturity,
          documentHash: sha(number),
        }),
      );
      return registered.id;
    }

    /** A confirmed invoice from tier 1 to the core enterprise, delivered; returns the root voucher id. */
    async function confirmedVoucher(number: string, amount: string): Promise<string> {
      const invoiceId = await invoice('tier1', 'core', number, amount);
      const carrier = await consortium.as('carrier', 'clerk');
      const shipment = await act(carrier, (ledger) =>
        ledger.shipment.RecordPickup({
          invoiceId,
          waybillNumber: `WB-${number}`,
          origin: 'Ningbo',
          destination: 'Qingdao',
          documentHash: sha(`waybill ${number}`),
        }),
      );
      await act(carrier, (ledger) =>
        ledger.shipment.ConfirmDelivery({ id: shipment.id, deliveryDocumentHash: sha(`pod ${number}`) }),
      );
      await act(await consortium.as('core', 'approver'), (ledger) =>
        ledger.invoice.Confirm({ invoiceId, waiveDelivery: false }),
      );
      return invoiceId;
    }

    it('walks the whole story: confirm, split to tier 2 (who accepts), finance privately at bank A, pay at maturity', async () => {
      const rootId = await confirmedVoucher('INV-STORY-1', '100000000');
      const tier1 = await consortium.as('tier1', 'approver');
      await expect((await view(tier1)).voucher.Get({ id: rootId })).resolves.toMatchObject({
        status: 'ACTIVE',
        holderId: PARTIES.tier1.id,
      });

      const backing = await invoice('tier2', 'tier1', 'INV-T2-1', '30000000');
      await act(tier1, (ledger) =>
        ledger.voucher.SplitTransfer({
          voucherId: rootId,
          piecesJson: [
            { amount: '30000000', toEnterpriseId: PARTIES.tier2.id, invoiceId: backing },
            { amount: '70000000' },
          ],
        }),
      );
      // The tree of the root: the root and its two pieces, each piece's lineage leading back to the root.
      const [toTier2, kept] = [`${rootId}.1`, `${rootId}.2`];
      const tree = await Promise.all([rootId, toTier2, kept].map((id) => tier1.ledger.voucher.Get({ id })));
      // The piece paid to tier 2 waits for tier 2's consent (Art. 11); the kept one is tier 1's at once.
      expect(tree.map((v) => [v.id, v.holderId, v.amount, v.status])).toEqual([
        [rootId, PARTIES.tier1.id, '100000000', 'SPLIT'],
        [toTier2, PARTIES.tier2.id, '30000000', 'PENDING_ACCEPTANCE'],
        [kept, PARTIES.tier1.id, '70000000', 'ACTIVE'],
      ]);
      expect(tree[0]?.childIds).toEqual([toTier2, kept]);
      for (const piece of [toTier2, kept]) {
        const lineage = await tier1.ledger.voucher.GetLineage({ id: piece });
        expect(lineage.map((v) => [v.id, v.rootId])).toEqual([
          [rootId, rootId],
          [piece, rootId],
        ]);
      }

      const tier2Clerk = await consortium.as('tier2', 'clerk');
      await expect(
        (await view(tier2Clerk)).financing.Apply({ voucherId: toTier2, bankId: PARTIES.bankA.id }),
      ).rejects.toMatchObject({ code: 'INVALID_STATE' });
      const tier2 = await consortium.as('tier2', 'approver');
      await expect(
        act(tier2, (ledger) => ledger.voucher.AcceptTransfer({ voucherId: toTier2 })),
      ).resolves.toMatchObject({
        status: 'ACTIVE',
        transfer: { status: 'ACCEPTED', fromId: PARTIES.tier1.id },
      });
      const applied = await act(tier2Clerk, (ledger) =>
        ledger.financing.Apply({ voucherId: toTier2, bankId: PARTIES.bankA.id }),
      );
      const financingId = applied.id;
      await expect(tier2Clerk.ledger.voucher.Get({ id: toTier2 })).resolves.toMatchObject({
        status: 'FINANCING',
        financingId,
      });
      expect(financingId).not.toBe('');

      const bankA = await consortium.as('bankA', 'approver');
      const offered = await act(bankA, (ledger) =>
        ledger.financing.Offer(
          { financingId },
          {
            transient: {
              terms: offerTerms({ advanceRateBps: 9000, spreadBps: 90, fees: '5000' }),
            },
            endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
          },
        ),
      );
      expect(offered.termsHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(offered)).not.toContain('advanceRateBps');

      const terms = await (await view(tier2)).financing.GetTerms({ financingId });
      expect(terms).toMatchObject({
        faceAmount: '30000000',
        financedAmount: '27000000',
        annualRateBps: 400,
        days: 30,
      });
      expect(terms.discountInterest).toBe('90000');
      await expect(bankA.ledger.financing.GetTerms({ financingId })).resolves.toEqual(terms);
      const bankB = await consortium.as('bankB', 'approver');
      await expect((await view(bankB)).financing.GetTerms({ financingId })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });

      await act(tier2, (ledger) => ledger.financing.Accept({ financingId }));
      await act(bankA, (ledger) =>
        ledger.financing.Disburse({
          financingId,
          paymentReference: 'PAY-STORY-1',
          registrationJson: directRegistration(applied),
        }),
      );
      await expect(bankA.ledger.voucher.Get({ id: toTier2 })).resolves.toMatchObject({
        status: 'FINANCED',
        holderId: PARTIES.bankA.id,
      });
      await expect(
        bankA.ledger.creditline.Get({ id: `${PARTIES.bankA.id}:${PARTIES.core.id}` }),
      ).resolves.toMatchObject({ used: '30000000' });

      const core = await consortium.as('core', 'approver');
      await expect(
        (await view(core)).settlement.Pay({ voucherId: toTier2, paymentReference: 'TOO-EARLY' }),
      ).rejects.toMatchObject({
        code: 'NOT_MATURE',
      });
      // Deliver requests (block events) carry the client's time and peers refuse one days ahead, so
      // the waiting happens before the clock moves; the payments themselves are plain endorsements.
      await view(core);
      const [, second] = await on(maturity, async () => [
        await core.ledger.settlement.Pay({ voucherId: toTier2, paymentReference: 'SETTLE-1' }),
        await core.ledger.settlement.Pay({ voucherId: kept, paymentReference: 'SETTLE-2' }),
      ]);
      steps.last = second.blockNumber;
      await expect(core.ledger.voucher.Get({ id: toTier2 })).resolves.toMatchObject({
        status: 'SETTLED',
        settlement: { paidTo: PARTIES.bankA.id, amount: '30000000', paymentReference: 'SETTLE-1' },
      });
      await expect(core.ledger.voucher.Get({ id: kept })).resolves.toMatchObject({
        status: 'SETTLED',
        settlement: { paidTo: PARTIES.tier1.id, amount: '70000000' },
      });
      await expect(core.ledger.financing.Get({ id: financingId })).resolves.toMatchObject({
        status: 'SETTLED',
      });
      await expect(
        core.ledger.creditline.Get({ id: `${PARTIES.bankA.id}:${PARTIES.core.id}` }),
      ).resolves.toMatchObject({ used: '0' });
    });

    it('lets exactly one of two simultaneous applications for one voucher commit, at bank A or bank B', async () => {
      const rootId = await confirmedVoucher('INV-RACE-1', '5000000');
      const tier1 = await consortium.as('tier1', 'clerk');
      await view(tier1);
      const outcomes = await Promise.allSettled([
        tier1.ledger.financing.Apply({ voucherId: rootId, bankId: PARTIES.bankA.id }),
        tier1.ledger.financing.Apply({ voucherId: rootId, bankId: PARTIES.bankB.id }),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const reason = (lost[0] as PromiseRejectedResult).reason as LedgerError;
      expect(reason).toBeInstanceOf(LedgerError);
      expect(reason.code).toBe('INVALID_STATE');
      const history = (await (await view(tier1)).ledger.GetHistory({ type: 'voucher', id: rootId })) as {
        record: { status: string };
      }[];
      expect(history.map((entry) => entry.record.status)).toEqual(['ACTIVE', 'FINANCING']);
    });

    it('binds a voucher to its holder and debtor orgs: endorsements from two other orgs do not commit', async () => {
      const rootId = await confirmedVoucher('INV-SBE-1', '2000000');
      const tier1 = await consortium.as('tier1', 'approver');
      await view(tier1);
      const contract = tier1.connection.gateway.getNetwork('scf').getContract('scf', 'voucher');
      const pieces = JSON.stringify([{ amount: '1000000' }, { amount: '1000000' }]);
      const attempt = submit(contract, 'SplitTransfer', [rootId, pieces], {
        endorsingOrganizations: ['SupplierMSP', 'LogisticsMSP'],
      });
      await expect(attempt).rejects.toMatchObject({
        code: 'ENDORSEMENT_POLICY_FAILURE',
        validation: 'ENDORSEMENT_POLICY_FAILURE',
      });
      await expect((await view(tier1)).voucher.Get({ id: rootId })).resolves.toMatchObject({
        status: 'ACTIVE',
        childIds: [],
      });
    });

    it('refuses an SME confirming and a bank registering an invoice, writing nothing', async () => {
      const invoiceId = await invoice('tier1', 'core', 'INV-ACL-1', '1000000');
      const supplier = await consortium.as('tier1', 'approver');
      await expect(
        (await view(supplier)).invoice.Confirm({ invoiceId, waiveDelivery: true }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      const bank = await consortium.as('bankA', 'clerk');
      await expect(
        bank.ledger.invoice.Register({
          number: 'BANK-1',
          buyerId: PARTIES.core.id,
          amount: '100',
          issueDate: today,
          dueDate: maturity,
          documentHash: sha('x'),
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(supplier.ledger.invoice.Get({ id: invoiceId })).resolves.toMatchObject({
        status: 'REGISTERED',
      });
    });
  });
}
