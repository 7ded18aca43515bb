/**
 * The demo's past year (history-plan.ts) written on the ledger: monthly LPRs; monthly cohorts of
 * invoices a tier-1 supplier registered and the core enterprise confirmed; pieces passed to tier 2;
 * financings applied for, offered, accepted, registered and disbursed; payments at maturity (some
 * late, a few never). One process walks the timeline day by day, moving its own clock (shifted-clock.ts)
 * to each day before it writes that day's transactions, directly through fabric-gateway with
 * identities of the demo enterprises from the org CAs. Run by `nodes.ts seed` (cli/history-process.ts).
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openNetwork } from '@scf/network';
import { offerSalt } from '../ledger/scf-ledger.ts';
import { registerReceivable } from '../registry/register-receivable.ts';
import { cstDay, currentLprEffective } from './calendar.ts';
import { demoEnterprise, type DemoKey } from './demo-consortium.ts';
import { Actors, whenVisible } from './history-actors.ts';
import { HistoryRegistry } from './history-registry.ts';
import {
  dateAfter,
  historyInvoices,
  historyRates,
  type Bank,
  type HistoryInvoice,
  type RatePublication,
} from './history-plan.ts';
import { inPool } from './pool.ts';
import { DEMO_RECOURSE_BANK } from './recourse-seed.ts';
import { setClockShiftDays } from './shifted-clock.ts';

type Step = () => Promise<void>;

/** Writes of one day in flight at once. */
const CONCURRENCY = 8;

/** What a piece of the history has become so far: filled in as the timeline runs. */
interface Progress {
  voucherId?: string;
  /** The pieces the debtor pays at maturity. */
  leaves: string[];
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

class History {
  private readonly core = demoEnterprise('core');
  private readonly actors: Actors;
  private readonly registry: HistoryRegistry;
  private readonly today: string;

  constructor(actors: Actors, registry: HistoryRegistry, today: string) {
    this.actors = actors;
    this.registry = registry;
    this.today = today;
  }

  /**
   * Both publisher banks attest the month's LPRs on their effective date (the charter's quorum), at
   * once: the second attestation of a rate conflicts with the first and is endorsed again after it.
   */
  async publishRates(rate: RatePublication): Promise<void> {
    const admins = await Promise.all([this.actors.as('bankA', 'admin'), this.actors.as('bankB', 'admin')]);
    await Promise.all(
      admins.flatMap((admin) => [
        admin.rate.Publish({ tenor: '1Y', rateBps: rate.lpr1yBps, effectiveDate: rate.effectiveDate }),
        admin.rate.Publish({ tenor: '5Y', rateBps: rate.lpr5yBps, effectiveDate: rate.effectiveDate }),
      ]),
    );
  }

  /** The supplier registers the invoice; the core enterprise confirms it, delivery waived on the record. */
  async confirm(invoice: HistoryInvoice, progress: Progress): Promise<void> {
    const clerk = await this.actors.as(invoice.seller, 'clerk');
    const registered = await clerk.invoice.Register({
      number: invoice.number,
      buyerId: this.core.id,
      amount: invoice.amount.toString(),
      issueDate: dateAfter(this.today, invoice.confirmedOn - 2),
      dueDate: dateAfter(this.today, invoice.maturesOn),
      documentHash: hashOf(`history ${invoice.number}`),
      purchaseOrderNumber: `PO-${invoice.number.slice(3)}`,
    });
    const approver = await this.actors.as('core', 'approver');
    const confirmed = await whenVisible(() =>
      approver.invoice.Confirm({
        invoiceId: registered.value.id,
        waiveDelivery: true,
        lateInterestBps: invoice.lateInterestBps,
      }),
    );
    const voucherId = confirmed.value.voucherId;
    if (voucherId === undefined) throw new Error(`invoice ${invoice.number} was confirmed without a voucher`);
    progress.voucherId = voucherId;
    progress.leaves = [voucherId];
  }

  /** The tier-1 holder passes 40 % to its tier-2 supplier against that supplier's invoice, which accepts. */
  async transfer(invoice: HistoryInvoice, progress: Progress): Promise<void> {
    const voucherId = requireVoucher(invoice, progress);
    const tier2: DemoKey = invoice.seller === 'tier1' ? 'tier2' : 'tier2b';
    const seller = demoEnterprise(invoice.seller);
    const piece = (invoice.amount * 4n) / 10n;
    const number = `T2-H${invoice.number.slice(4)}`;
    const clerk = await this.actors.as(tier2, 'clerk');
    const registered = await clerk.invoice.Register({
      number,
      buyerId: seller.id,
      amount: piece.toString(),
      issueDate: dateAfter(this.today, invoice.actsOn - 1),
      dueDate: dateAfter(this.today, invoice.actsOn + 60),
      documentHash: hashOf(`history ${number}`),
    });
    const holder = await this.actors.as(invoice.seller, 'approver');
    const split = await whenVisible(() =>
      holder.voucher.SplitTransfer({
        voucherId,
        piecesJson: [
          { amount: (invoice.amount - piece).toString() },
          {
            amount: piece.toString(),
            toEnterpriseId: demoEnterprise(tier2).id,
            invoiceId: registered.value.id,
          },
        ],
      }),
    );
    const passed = split.value.children.find((child) => child.holderId === demoEnterprise(tier2).id);
    if (!passed) throw new Error(`voucher ${voucherId} was split without a piece for ${tier2}`);
    const recipient = await this.actors.as(tier2, 'approver');
    await whenVisible(() => recipient.voucher.AcceptTransfer({ voucherId: passed.id }));
    progress.leaves = split.value.children.map((child) => child.id);
  }

  /** Apply, offer, accept, then the bank registers the receivable (that day) and disburses. */
  async finance(invoice: HistoryInvoice, bank: Bank, progress: Progress): Promise<void> {
    const voucherId = requireVoucher(invoice, progress);
    const holder = invoice.seller;
    const bankEnterprise = demoEnterprise(bank);
    const clerk = await this.actors.as(holder, 'clerk');
    const applied = await whenVisible(() => clerk.financing.Apply({ voucherId, bankId: bankEnterprise.id }));
    const financingId = applied.value.id;
    const banker = await this.actors.as(bank, 'approver');
    const terms = {
      advanceRateBps: 9000,
      spreadBps: 60 + ((invoice.cohort * 7 + invoice.index * 13) % 90),
      fees: '50000',
      validUntil: dateAfter(this.today, invoice.actsOn + 7),
      recourse: bank === DEMO_RECOURSE_BANK,
      salt: offerSalt(),
    };
    const endorsingOrganizations = [this.actors.mspOf(bank), this.actors.mspOf(holder)];
    await whenVisible(() =>
      banker.financing.Offer({ financingId }, { transient: { terms }, endorsingOrganizations }),
    );
    const approver = await this.actors.as(holder, 'approver');
    await whenVisible(() => approver.financing.Accept({ financingId }));
    const receivable = { voucherId, debtorId: this.core.id, amount: invoice.amount.toString() };
    const registration = await registerReceivable(this.registry, receivable, {
      id: bankEnterprise.id,
      name: bankEnterprise.name,
    });
    await whenVisible(() =>
      banker.financing.Disburse({
        financingId,
        paymentReference: `FK-${invoice.number.slice(3)}`,
        registrationJson: registration,
      }),
    );
  }

  /** The core enterprise pays every piece of the voucher to whoever holds it (the bank, if financed). */
  async pay(invoice: HistoryInvoice, progress: Progress): Promise<void> {
    const approver = await this.actors.as('core', 'approver');
    for (const [index, voucherId] of progress.leaves.entries()) {
      await whenVisible(() =>
        approver.settlement.Pay({
          voucherId,
          paymentReference: `HK-${invoice.number.slice(3)}-${String(index + 1)}`,
        }),
      );
    }
  }
}

function requireVoucher(invoice: HistoryInvoice, progress: Progress): string {
  if (progress.voucherId === undefined) throw new Error(`invoice ${invoice.number} has no voucher yet`);
  return progress.voucherId;
}

/** Every write of the history, by day. */
function timeline(history: History, today: string): Map<number, Step[]> {
  const days = new Map<number, Step[]>();
  const on = (day: number, step: Step): void => {
    days.set(day, [...(days.get(day) ?? []), step]);
  };
  for (const rate of historyRates(today, currentLprEffective())) {
    on(rate.day, () => history.publishRates(rate));
  }
  for (const invoice of historyInvoices(today)) {
    const progress: Progress = { leaves: [] };
    on(invoice.confirmedOn, () => history.confirm(invoice, progress));
    const { next } = invoice;
    if (next.kind === 'transfer') on(invoice.actsOn, () => history.transfer(invoice, progress));
    if (next.kind === 'finance') on(invoice.actsOn, () => history.finance(invoice, next.bank, progress));
    if (invoice.paidOn !== undefined) on(invoice.paidOn, () => history.pay(invoice, progress));
  }
  return days;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'state-dir': { type: 'string' }, 'registry-dir': { type: 'string' } },
  });
  const registryDir = values['registry-dir'];
  if (registryDir === undefined)
    throw new Error('--registry-dir is required (the test registry’s data folder)');
  const ctx = openNetwork({ stateDir: values['state-dir'], log: () => undefined });
  setClockShiftDays(0);
  const started = Date.now();
  const today = cstDay(0);
  const history = new History(new Actors(ctx), new HistoryRegistry(registryDir), today);
  const days = timeline(history, today);
  let writes = 0;
  for (const day of [...days.keys()].sort((a, b) => a - b)) {
    const steps = days.get(day) ?? [];
    // Nothing is in flight here: every write of the day before has committed.
    setClockShiftDays(day);
    await inPool(steps, CONCURRENCY, (step) => step());
    writes += steps.length;
  }
  setClockShiftDays(0);
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(
    `${historyInvoices(today).length} invoices on ${days.size} days of the past year (${writes} steps) in ${seconds} s\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`history seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
