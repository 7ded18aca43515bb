/**
 * npm run bench:ledger — on one fresh network in one run: a one-write baseline (the smoke contract's
 * PutNote: the practical limit of this machine) and the voucher life cycle, each with N concurrent
 * clients through fabric-gateway. Prints throughput, submit→commit latency p50/p95, and the ratio to
 * the baseline. Settings: BENCH_CLIENTS (16), BENCH_BASELINE_TX (800), BENCH_CYCLES (48), BENCH_ORDERERS (3).
 */
import { BATCH, enrollUser, type NetworkContext } from '@scf/network';
import { offerSalt, type Committed, type ScfLedger } from '../src/ledger/index.ts';
import { creditCodeCheckChar } from '@scf/ledger-contract';
import { connectAs, Consortium, PARTIES, type Party, type Session } from '../test/support/consortium.ts';
import { startTestNetwork, stopTestNetwork } from '../test/support/test-network.ts';
import { Samples, table, timed } from './stats.ts';
import { cstDate, sha } from '../test/support/values.ts';
import { directRegistration } from '../test/support/registration.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const BASELINE_TX = Number(process.env.BENCH_BASELINE_TX ?? 800);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 48);
const ORDERERS = Number(process.env.BENCH_ORDERERS ?? 3);

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

interface RunResult {
  name: string;
  transactions: number;
  seconds: number;
  samples: Samples[];
}

/** Runs `clients` workers in parallel, each doing `work(client)`, and measures the wall time. */
async function parallel(clients: number, work: (client: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, client) => work(client)));
  return (performance.now() - started) / 1000;
}

async function baseline(ctx: NetworkContext, consortium: Consortium): Promise<RunResult> {
  const user = (await consortium.as('tier1', 'clerk')).user;
  const samples = new Samples('PutNote');
  const perClient = Math.ceil(BASELINE_TX / CLIENTS);
  const sessions = Array.from({ length: CLIENTS }, () => connectAs(ctx, user));
  try {
    const seconds = await parallel(CLIENTS, async (client) => {
      const { ledger } = sessions[client] as Session;
      for (let index = 0; index < perClient; index += 1) {
        await timed(samples, () =>
          ledger.test.PutNote({ key: `bench-${client}-${index}`, text: 'baseline' }),
        );
      }
    });
    return { name: 'baseline: one write', transactions: samples.count, seconds, samples: [samples] };
  } finally {
    for (const session of sessions) session.connection.close();
  }
}

/**
 * One core enterprise (debtor) per client, each with its own credit line at bank A. A bank's line per
 * debtor is one key that every disbursement updates, so one shared debtor would measure that hot key,
 * not the life cycle: it admits one disbursement per block.
 */
async function debtorFor(
  ctx: NetworkContext,
  consortium: Consortium,
  client: number,
): Promise<{ id: string; approver: Session }> {
  const first17 = `91370200MA0D${String(client).padStart(5, '0')}`;
  const id = `${first17}${creditCodeCheckChar(first17)}`;
  const registered = await (
    await consortium.orgAdmin('core')
  ).ledger.enterprise.Register({ id, name: `Core enterprise ${client}`, kind: 'CORE' });
  const bank = await consortium.as('bankA', 'approver');
  await bank.ledger.waitForBlock(registered.blockNumber);
  const line = { debtorId: id, limit: '9000000000000', expiryDate: cstDate(365) };
  consortium.saw((await bank.ledger.creditline.Grant(line)).blockNumber);
  const user = await enrollUser(ctx, {
    org: 'core',
    name: `bench-core-${client}`,
    enterpriseId: id,
    role: 'approver',
  });
  return { id, approver: connectAs(ctx, user) };
}

const STEPS = [
  'register',
  'pickup',
  'deliver',
  'confirm',
  'register-t2',
  'split',
  'accept-transfer',
  'apply',
  'offer',
  'accept',
  'disburse',
] as const;

async function lifecycle(ctx: NetworkContext, consortium: Consortium): Promise<RunResult> {
  const samples = new Map(STEPS.map((step) => [step, new Samples(step)]));
  const sample = (step: (typeof STEPS)[number]): Samples => samples.get(step) as Samples;
  const roles: [Party, 'clerk' | 'approver'][] = [
    ['tier1', 'clerk'],
    ['tier1', 'approver'],
    ['tier2', 'clerk'],
    ['tier2', 'approver'],
    ['carrier', 'clerk'],
    ['bankA', 'approver'],
  ];
  const users = new Map<string, Awaited<ReturnType<typeof enrollUser>>>();
  for (const [party, role] of roles) users.set(`${party}/${role}`, (await consortium.as(party, role)).user);
  const clients = Array.from({ length: CLIENTS }, () => {
    const session = (key: string): Session => connectAs(ctx, users.get(key) ?? (undefined as never));
    return Object.fromEntries(
      roles.map(([party, role]) => [`${party}/${role}`, session(`${party}/${role}`)]),
    );
  });
  const perClient = Math.ceil(CYCLES / CLIENTS);
  const maturity = cstDate(60);
  const debtors: { id: string; approver: Session }[] = [];
  for (let client = 0; client < CLIENTS; client += 1) debtors.push(await debtorFor(ctx, consortium, client));
  await consortium.settle();
  try {
    const seconds = await parallel(CLIENTS, async (client) => {
      const as = (key: string): Session => clients[client]?.[key] as Session;
      const debtor = debtors[client] as { id: string; approver: Session };
      // Each actor works from its own org's peer, so it waits for the block of the step before it.
      let last = 0n;
      const step = async <T>(
        name: (typeof STEPS)[number],
        session: Session,
        call: (ledger: ScfLedger) => Promise<Committed<T>>,
      ): Promise<Committed<T>> => {
        if (last > 0n) await session.ledger.waitForBlock(last);
        const result = await timed(sample(name), () => call(session.ledger));
        last = result.blockNumber;
        return result;
      };
      for (let cycle = 0; cycle < perClient; cycle += 1) {
        const tag = `B${client}-${cycle}-${Date.now()}`;
        const invoice = await step('register', as('tier1/clerk'), (ledger) =>
          ledger.invoice.Register({
            number: `INV-${tag}`,
            buyerId: debtor.id,
            amount: '10000000',
            issueDate: cstDate(0),
            dueDate: maturity,
            documentHash: sha(tag),
          }),
        );
        const rootId = invoice.value.id;
        const shipment = await step('pickup', as('carrier/clerk'), (ledger) =>
          ledger.shipment.RecordPickup({
            invoiceId: rootId,
            waybillNumber: `WB-${tag}`,
            origin: 'Ningbo',
            destination: 'Qingdao',
            documentHash: sha(`wb ${tag}`),
          }),
        );
        await step('deliver', as('carrier/clerk'), (ledger) =>
          ledger.shipment.ConfirmDelivery({ id: shipment.value.id, deliveryDocumentHash: sha(`pod ${tag}`) }),
        );
        await step('confirm', debtor.approver, (ledger) =>
          ledger.invoice.Confirm({ invoiceId: rootId, waiveDelivery: false }),
        );
        const backing = await step('register-t2', as('tier2/clerk'), (ledger) =>
          ledger.invoice.Register({
            number: `T2-${tag}`,
            buyerId: PARTIES.tier1.id,
            amount: '4000000',
            issueDate: cstDate(0),
            dueDate: maturity,
            documentHash: sha(`t2 ${tag}`),
          }),
        );
        await step('split', as('tier1/approver'), (ledger) =>
          ledger.voucher.SplitTransfer({
            voucherId: rootId,
            piecesJson: [
              { amount: '4000000', toEnterpriseId: PARTIES.tier2.id, invoiceId: backing.value.id },
              { amount: '6000000' },
            ],
          }),
        );
        const piece = `${rootId}.1`;
        // The piece waits for tier 2's consent (保障中小企业款项支付条例 Art. 11) before it can be financed.
        await step('accept-transfer', as('tier2/approver'), (ledger) =>
          ledger.voucher.AcceptTransfer({ voucherId: piece }),
        );
        const applied = await step('apply', as('tier2/clerk'), (ledger) =>
          ledger.financing.Apply({ voucherId: piece, bankId: PARTIES.bankA.id }),
        );
        const financingId = applied.value.id;
        await step('offer', as('bankA/approver'), (ledger) =>
          ledger.financing.Offer(
            { financingId },
            {
              transient: {
                terms: {
                  advanceRateBps: 9000,
                  spreadBps: 90,
                  fees: '0',
                  validUntil: cstDate(5),
                  salt: offerSalt(),
                },
              },
              endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
            },
          ),
        );
        await step('accept', as('tier2/approver'), (ledger) => ledger.financing.Accept({ financingId }));
        await step('disburse', as('bankA/approver'), (ledger) =>
          ledger.financing.Disburse({
            financingId,
            paymentReference: `PAY-${tag}`,
            registrationJson: directRegistration(applied.value),
          }),
        );
      }
    });
    const all = [...samples.values()];
    return {
      name: 'voucher life cycle',
      transactions: all.reduce((sum, s) => sum + s.count, 0),
      seconds,
      samples: all,
    };
  } finally {
    for (const client of clients) for (const session of Object.values(client)) session.connection.close();
    for (const debtor of debtors) debtor.approver.connection.close();
  }
}

async function main(): Promise<void> {
  log(`starting a network with ${ORDERERS} orderer(s)`);
  const ctx = await startTestNetwork(ORDERERS);
  const consortium = new Consortium(ctx);
  try {
    await consortium.registerParties();
    await consortium.publishRate('1Y', 310, cstDate(-1));
    log(`baseline: ${BASELINE_TX} PutNote with ${CLIENTS} clients`);
    const base = await baseline(ctx, consortium);
    log(`life cycle: ${CYCLES} cycles of ${STEPS.length} transactions with ${CLIENTS} clients`);
    const cycle = await lifecycle(ctx, consortium);
    const rate = (run: RunResult): number => run.transactions / run.seconds;
    const all = (run: RunResult): Samples => Samples.merge(run.name, run.samples);
    const rows = [base, cycle].map((run) => [
      run.name,
      CLIENTS,
      run.transactions,
      run.seconds.toFixed(1),
      rate(run).toFixed(1),
      all(run).quantile(0.5).toFixed(0),
      all(run).quantile(0.95).toFixed(0),
      (rate(run) / rate(base)).toFixed(2),
    ]);
    process.stdout.write(
      `\n${table(['scenario', 'clients', 'tx', 's', 'tx/s', 'p50 ms', 'p95 ms', 'vs baseline'], rows)}\n\n`,
    );
    const steps = cycle.samples.map((s) => [
      s.name,
      s.count,
      s.quantile(0.5).toFixed(0),
      s.quantile(0.95).toFixed(0),
    ]);
    process.stdout.write(`${table(['life-cycle step', 'tx', 'p50 ms', 'p95 ms'], steps)}\n`);
    process.stdout.write(
      `\nFabric ${ctx.tools.version}, ${ORDERERS} Raft orderer(s), batch timeout ${BATCH.timeout}, ` +
        `at most ${BATCH.maxMessageCount} tx or ${BATCH.preferredMaxBytes} per block\n`,
    );
  } finally {
    consortium.closeAll();
    await stopTestNetwork(ctx);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
