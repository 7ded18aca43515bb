/**
 * npm run bench:api — on one fresh network with every org's node API, in one run:
 *   1. registerInvoice as a tier-1 supplier clerk, N concurrent clients, directly through fabric-gateway
 *      (returns at commit) and through the supplier node's GraphQL API (returns once its projector
 *      applied the write): throughput, latency percentiles, and the API's overhead;
 *   2. during the direct run, how long after commit the supplier node announced each transaction on
 *      the `changes` subscription, and the highest scf_projector_lag_blocks its /metrics showed;
 *   3. read latency once the supplier's and the core enterprise's read models hold ~100,000 vouchers
 *      (written straight into their databases): voucher and invoice lists, and the dashboard, both as
 *      read again (its figures kept) and as the first read after the database changed (recomputed).
 * Prints progress on stderr and the results as Markdown tables on stdout.
 * The write runs take turns, BENCH_WRITE_ROUNDS rounds of each, so that noise falls on both alike.
 * Settings: BENCH_CLIENTS (16), BENCH_WRITES (400, each way), BENCH_WRITE_ROUNDS (4), BENCH_VOUCHERS
 * (100000), BENCH_READS (100), BENCH_READ_WARMUP (10), BENCH_ORDERERS (3).
 */
import pg from 'pg';
import { BATCH, enrollUser, findMember, type NetworkContext } from '@scf/network';
import { connectMember, scfLedger, type LedgerConnection, type ScfLedger } from '../src/ledger/index.ts';
import { DEMO_PASSWORD, demoEnterprise, type DemoKey } from '../src/demo/demo-consortium.ts';
import { nodeDatabaseUrl } from '../src/cli/node-env.ts';
import { ApiError, NodeClient } from '../src/demo/graphql-client.ts';
import { seededRandom } from '../src/demo/pool.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { NodeErrorCodes } from '../src/schema/errors.ts';
import { offsetCursor } from '../src/schema/page-window.ts';
import { cstDate, sha } from '../test/support/values.ts';
import { loginAs, startNodeApis } from '../test/support/node-apis.ts';
import { startTestNetwork, stopTestNetwork } from '../test/support/test-network.ts';
import { cpuPerTransaction } from './bench-summary.ts';
import { ChangeWatch } from './change-watch.ts';
import {
  cpuBetween,
  cpuSnapshot,
  LOAD_CLIENT,
  networkComponents,
  nodeApiComponents,
  type Component,
} from './cpu-meter.ts';
import { GaugeSampler } from './gauge-sampler.ts';
import { generateBook, loadBook } from './read-model-fill.ts';
import { Samples, spread, table, timed } from './stats.ts';
import { drain } from './workload.ts';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

const CLIENTS = setting('BENCH_CLIENTS', 16);
const WRITES = setting('BENCH_WRITES', 400);
const VOUCHERS = setting('BENCH_VOUCHERS', 100_000);
const READS = setting('BENCH_READS', 100);
const READ_WARMUP = setting('BENCH_READ_WARMUP', 10);
const ROUNDS = setting('BENCH_WRITE_ROUNDS', 4);
const ORDERERS = setting('BENCH_ORDERERS', 3);

const LAG_GAUGES = ['scf_projector_lag_blocks', 'scf_projector_lag_seconds'] as const;

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const ms = (value: number): string => value.toFixed(0);

const REGISTER = `mutation($input: RegisterInvoiceInput!) {
  registerInvoice(input: $input) { projection transactionId invoice { id status } } }`;

interface Registered {
  registerInvoice: { projection: 'APPLIED' | 'PENDING'; transactionId: string };
}

/** What the clerk types in; the number must be unique per seller. */
function invoiceFields(number: string): {
  number: string;
  buyerId: string;
  amount: string;
  issueDate: string;
  dueDate: string;
} {
  return {
    number,
    buyerId: demoEnterprise('core').id,
    amount: '12345600',
    issueDate: cstDate(0),
    dueDate: cstDate(90),
  };
}

interface WriteRun {
  name: string;
  samples: Samples;
  seconds: number;
  note: string;
  /** CPU ms by component over the run (for the direct run, until the node has projected its writes). */
  cpuMs: Map<string, number>;
}

interface LagResult {
  samples: Samples;
  missing: number;
  max: Map<string, number>;
  polls: number;
}

/** The write runs both ways, the API's rate as a share of the direct one in each round, the lag seen. */
interface Writes {
  direct: WriteRun;
  api: WriteRun;
  roundRatios: number[];
  lag: LagResult;
}

/** Adds each component's CPU ms of `more` into `total`. */
function addInto(total: Map<string, number>, more: Map<string, number>): void {
  for (const [name, ms] of more) total.set(name, (total.get(name) ?? 0) + ms);
}

/** The two ways of writing, each with CLIENTS concurrent clients of its own. */
interface Writers {
  direct: ScfLedger[];
  api: NodeClient[];
  close: () => void;
}

async function writers(ctx: NetworkContext, supplierUrl: string): Promise<Writers> {
  const tier1 = demoEnterprise('tier1');
  const user = await enrollUser(ctx, {
    org: tier1.org,
    name: 'bench-direct-clerk',
    enterpriseId: tier1.id,
    role: 'clerk',
  });
  const connections: LedgerConnection[] = [];
  const { channel, chaincode } = ctx.topology.config;
  const direct = Array.from({ length: CLIENTS }, () => {
    const connection = connectMember(ctx, user);
    connections.push(connection);
    return scfLedger(connection.gateway, channel, chaincode.name);
  });
  // One login per API client: the node then holds one gateway connection per client, as the direct
  // side does, and no client eats into another's rate-limit allowance.
  const admin = await new NodeClient(supplierUrl).login('admin', DEMO_PASSWORD);
  const api: NodeClient[] = [];
  for (let client = 0; client < CLIENTS; client += 1) {
    const username = `bench.clerk.${String(client).padStart(3, '0')}`;
    await admin.request('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: {
        username,
        password: DEMO_PASSWORD,
        displayName: `Bench clerk ${client}`,
        role: 'CLERK',
        enterpriseId: tier1.id,
      },
    });
    api.push(await new NodeClient(supplierUrl).login(username, DEMO_PASSWORD));
  }
  return {
    direct,
    api,
    close: () => {
      for (const connection of connections) connection.close();
    },
  };
}

/** Registers `count` invoices directly; returns each one's transaction id and when its commit returned. */
async function directRun(
  ledgers: ScfLedger[],
  count: number,
  prefix: string,
  samples: Samples,
): Promise<{ seconds: number; committed: Map<string, number> }> {
  const committed = new Map<string, number>();
  const seconds = await drain(count, ledgers.length, async (index, client) => {
    const number = `${prefix}${String(index)}`;
    const started = performance.now();
    const done = await (ledgers[client] as ScfLedger).invoice.Register({
      ...invoiceFields(number),
      documentHash: sha(number),
    });
    const at = performance.now();
    samples.add(at - started);
    committed.set(done.transactionId, at);
  });
  return { seconds, committed };
}

/** Registers `count` invoices through the node API; returns how many answered PENDING. */
async function apiRun(
  clients: NodeClient[],
  count: number,
  prefix: string,
  samples: Samples,
): Promise<{ seconds: number; pending: number }> {
  let pending = 0;
  // Each clerk cites a document its enterprise uploaded (the node refuses any other), uploaded untimed.
  const documents = await Promise.all(
    clients.map((client, index) =>
      client.upload(`${prefix}${String(index)}.txt`, 'text/plain', new TextEncoder().encode(prefix)),
    ),
  );
  const seconds = await drain(count, clients.length, async (index, client) => {
    const number = `${prefix}${String(index)}`;
    const done = await timed(samples, () =>
      (clients[client] as NodeClient).request<Registered>(REGISTER, {
        input: { ...invoiceFields(number), documentSha256: documents[client] },
      }),
    );
    if (done.registerInvoice.projection !== 'APPLIED') pending += 1;
  });
  return { seconds, pending };
}

async function writeBench(
  ctx: NetworkContext,
  supplierUrl: string,
  components: readonly Component[],
): Promise<Writes> {
  log(`creating ${CLIENTS} API clerks and ${CLIENTS} direct gateway connections`);
  const both = await writers(ctx, supplierUrl);
  const tier1 = demoEnterprise('tier1');
  const watcher = await new NodeClient(supplierUrl).login(`${tier1.login}.clerk`, DEMO_PASSWORD);
  const watch = await ChangeWatch.open(supplierUrl, watcher.token ?? '');
  try {
    log(`warm-up: ${CLIENTS} invoices each way`);
    const warm = await directRun(both.direct, CLIENTS, 'BW-D-', new Samples('warm-up'));
    await apiRun(both.api, CLIENTS, 'BW-A-', new Samples('warm-up'));
    // The warm-up's own announcements prove the subscription is live before anything is timed.
    if ((await watch.awaitAll([...warm.committed.keys()], 60_000)) > 0) {
      throw new Error('the changes subscription did not announce the warm-up invoices within 60 s');
    }

    // Rounds of direct writes and API writes in turn, so that whatever the machine does meanwhile
    // falls on both alike; each way's rate is its total over its rounds, the ratio also per round.
    const directSamples = new Samples('direct');
    const apiSamples = new Samples('api');
    const direct = { seconds: 0, committed: new Map<string, number>(), cpuMs: new Map<string, number>() };
    const api = { seconds: 0, pending: 0, cpuMs: new Map<string, number>() };
    const roundRatios: number[] = [];
    let missing = 0;
    const sampler = new GaugeSampler(supplierUrl, LAG_GAUGES);
    sampler.start(250);
    for (let round = 1; round <= ROUNDS; round += 1) {
      const count = Math.ceil(WRITES / ROUNDS);
      log(
        `round ${String(round)} of ${String(ROUNDS)}: ${String(count)} invoices directly, then through the node API`,
      );
      const beforeDirect = cpuSnapshot(components);
      const directRound = await directRun(both.direct, count, `BD-${String(round)}-`, directSamples);
      missing += await watch.awaitAll([...directRound.committed.keys()], 60_000);
      addInto(direct.cpuMs, cpuBetween(beforeDirect, cpuSnapshot(components)));
      direct.seconds += directRound.seconds;
      for (const [id, at] of directRound.committed) direct.committed.set(id, at);

      const beforeApi = cpuSnapshot(components);
      const apiRound = await apiRun(both.api, count, `BA-${String(round)}-`, apiSamples);
      addInto(api.cpuMs, cpuBetween(beforeApi, cpuSnapshot(components)));
      api.seconds += apiRound.seconds;
      api.pending += apiRound.pending;
      roundRatios.push(directRound.seconds / apiRound.seconds);
    }
    await sampler.stop();
    const lag = new Samples('commit → announced');
    for (const [transactionId, committedAt] of direct.committed) {
      const announcedAt = watch.announcedAt(transactionId);
      if (announcedAt !== undefined) lag.add(announcedAt - committedAt);
    }

    return {
      direct: {
        name: 'direct: fabric-gateway (to commit)',
        samples: directSamples,
        seconds: direct.seconds,
        note: '',
        cpuMs: direct.cpuMs,
      },
      api: {
        name: 'API: GraphQL registerInvoice (to projected)',
        samples: apiSamples,
        seconds: api.seconds,
        note: api.pending > 0 ? `${api.pending} answered PENDING` : 'all APPLIED',
        cpuMs: api.cpuMs,
      },
      roundRatios,
      lag: { samples: lag, missing, max: sampler.max, polls: sampler.samples },
    };
  } finally {
    await watch.close();
    both.close();
  }
}

/** First day of the month `back` months before today's (CST). */
function monthStart(back: number): string {
  const [year = 0, month = 1] = cstDate(0).split('-').map(Number);
  const index = year * 12 + (month - 1) - back;
  return `${String(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

const PARTY = '{ id name kind }';
const PROOF = 'proof { transactionId blockNumber timestamp submittedBy }';
const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

const VOUCHER_LIST = `query($first: Int, $filter: VoucherFilter, $orderBy: VoucherOrder) {
  vouchers(first: $first, filter: $filter, orderBy: $orderBy) { totalCount ${PAGE}
    edges { node { id amount currency maturityDate status tier rootId parentId invoiceId financingId
      paidAt paymentReference createdAt holder ${PARTY} debtor ${PARTY} ${PROOF} } } } }`;

const INVOICE_LIST = `query($first: Int) {
  invoices(first: $first) { totalCount ${PAGE}
    edges { node { id number amount currency issueDate dueDate status documentHash purchaseOrderNumber
      rejectionReason deliveryWaived paidAmount unpaidAmount createdAt voucherId
      seller ${PARTY} buyer ${PARTY} ${PROOF} } } } }`;

const DASHBOARD = `query($from: Date!, $to: Date!) { dashboard { asOf
  needsMe { invoicesToConfirm invoicesRejected shipmentsToDeliver offersToAnswer financingsToOffer
    financingsToDisburse vouchersToPay }
  overdue { amount count }
  maturityLadder { bucket amount count }
  exposureByDebtor { amount count financedAmount debtor ${PARTY} }
  creditLineUsage { limit used available usageBps line { id expiryDate status debtor ${PARTY} } }
  volumes(from: $from, to: $to) { month invoicesRegistered vouchersIssued financingsDisbursed } } }`;

interface ReadCase {
  name: string;
  who: [DemoKey, 'clerk' | 'approver'];
  query: string;
  variables: Record<string, unknown>;
  /**
   * Before each timed read, an (untimed) write to the node's database: the dashboard's kept figures
   * are then all recomputed, as for the first view after the read model changed.
   */
  afterWrite?: boolean;
}

const READ_CASES: ReadCase[] = [
  {
    name: 'vouchers: first 20, default order',
    who: ['tier1', 'clerk'],
    query: VOUCHER_LIST,
    variables: { first: 20 },
  },
  {
    name: 'vouchers: ACTIVE, amount desc, first 20',
    who: ['tier1', 'clerk'],
    query: VOUCHER_LIST,
    variables: {
      first: 20,
      filter: { statuses: ['ACTIVE'] },
      orderBy: { field: 'AMOUNT', direction: 'DESC' },
    },
  },
  {
    name: 'invoices: first 20, default order',
    who: ['tier1', 'clerk'],
    query: INVOICE_LIST,
    variables: { first: 20 },
  },
  {
    name: 'vouchers: first 20, default order',
    who: ['core', 'approver'],
    query: VOUCHER_LIST,
    variables: { first: 20 },
  },
  {
    name: 'vouchers: last 50',
    who: ['core', 'approver'],
    query: 'query { vouchers(last: 50) { totalCount edges { node { id } } } }',
    variables: {},
  },
  {
    name: 'vouchers: 50 from 1,000 before the end',
    who: ['core', 'approver'],
    query: 'query($after: String) { vouchers(first: 50, after: $after) { edges { node { id } } } }',
    variables: { after: offsetCursor(VOUCHERS - 1000) },
  },
  {
    // Part of a tier-1 supplier's name: matches the vouchers it holds or held.
    name: 'vouchers: search by holder name, first 50',
    who: ['core', 'approver'],
    query: 'query { vouchers(first: 50, filter: { search: "精工" }) { totalCount edges { node { id } } } }',
    variables: {},
  },
  {
    name: 'invoices: search by seller name, first 50',
    who: ['core', 'approver'],
    query: 'query { invoices(first: 50, filter: { search: "精工" }) { totalCount edges { node { id } } } }',
    variables: {},
  },
  {
    name: 'dashboard, 12 months of volumes',
    who: ['tier1', 'approver'],
    query: DASHBOARD,
    variables: { from: monthStart(11), to: cstDate(0) },
  },
  {
    name: 'dashboard, 12 months of volumes',
    who: ['core', 'approver'],
    query: DASHBOARD,
    variables: { from: monthStart(11), to: cstDate(0) },
  },
  {
    name: 'dashboard, each read after a write',
    who: ['tier1', 'approver'],
    query: DASHBOARD,
    variables: { from: monthStart(11), to: cstDate(0) },
    afterWrite: true,
  },
  {
    name: 'dashboard, each read after a write',
    who: ['core', 'approver'],
    query: DASHBOARD,
    variables: { from: monthStart(11), to: cstDate(0) },
    afterWrite: true,
  },
];

/** One request, repeated (untimed) after the node's rate limit asked the caller to wait. */
async function ask<T>(client: NodeClient, query: string, variables: Record<string, unknown>): Promise<T> {
  for (;;) {
    try {
      return await client.request<T>(query, variables);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === NodeErrorCodes.RateLimited)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

interface ReadResult {
  readCase: ReadCase;
  org: string;
  matching: string;
  samples: Samples;
}

type ReadData = Record<string, { totalCount?: number; maturityLadder?: { count: number }[] }>;

/** How many rows the query ran over: a list's total, or the unpaid vouchers a dashboard summed. */
function matchingOf(data: ReadData): string {
  const answer = Object.values(data)[0];
  if (answer?.totalCount !== undefined) return String(answer.totalCount);
  const ladder = answer?.maturityLadder;
  return ladder ? `${String(ladder.reduce((sum, step) => sum + step.count, 0))} unpaid` : '';
}

/** A write to a node's database that changes nothing the node reads (a table of the benchmark's own). */
async function databaseWriter(
  url: string,
): Promise<{ write: () => Promise<void>; end: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS "bench_writes" ("at" timestamptz NOT NULL)');
  return {
    write: async () => {
      await client.query('INSERT INTO "bench_writes" VALUES (now())');
    },
    end: () => client.end(),
  };
}

async function readCase(ctx: NetworkContext, readCase: ReadCase): Promise<ReadResult> {
  const client = await loginAs(ctx, ...readCase.who);
  const org = demoEnterprise(readCase.who[0]).org;
  const writer = readCase.afterWrite
    ? await databaseWriter(nodeDatabaseUrl(ctx, findMember(ctx.topology, org)))
    : undefined;
  try {
    const first = await ask<ReadData>(client, readCase.query, readCase.variables);
    for (let round = 1; round < READ_WARMUP; round += 1)
      await ask(client, readCase.query, readCase.variables);
    const samples = new Samples(readCase.name);
    for (let round = 0; round < READS; round += 1) {
      await writer?.write();
      await timed(samples, () => ask(client, readCase.query, readCase.variables));
    }
    return { readCase, org, matching: matchingOf(first), samples };
  } finally {
    await writer?.end();
  }
}

async function readBench(ctx: NetworkContext): Promise<ReadResult[]> {
  const id = (key: DemoKey): string => demoEnterprise(key).id;
  log(`generating about ${VOUCHERS} vouchers and their invoices`);
  const book = generateBook(
    VOUCHERS,
    {
      debtor: id('core'),
      tier1: [id('tier1'), id('tier1'), id('tier1b')],
      tier2: [id('tier2'), id('tier2b')],
      banks: [id('bankA'), id('bankB')],
    },
    seededRandom(20_261_122),
  );
  // The core enterprise's node holds the same public rows: its approver's dashboard reads them there.
  for (const org of ['supplier', 'core']) {
    log(`writing ${book.vouchers.size} vouchers and ${book.invoices.size} invoices into ${org}'s read model`);
    await loadBook(nodeDatabaseUrl(ctx, findMember(ctx.topology, org)), book);
  }
  const results: ReadResult[] = [];
  for (const each of READ_CASES) {
    log(`reads: ${each.name} as ${each.who.join(' ')} (${READ_WARMUP} warm-up, ${READS} timed)`);
    results.push(await readCase(ctx, each));
  }
  return results;
}

function report(
  ctx: NetworkContext,
  writes: Writes,
  reads: ReadResult[],
  components: readonly string[],
  minutes: number,
): string {
  const rate = (run: WriteRun): number => run.samples.count / run.seconds;
  const writeRow = (run: WriteRun): string[] => [
    run.name,
    String(run.samples.count),
    run.seconds.toFixed(1),
    rate(run).toFixed(1),
    ms(run.samples.quantile(0.5)),
    ms(run.samples.quantile(0.95)),
    ms(run.samples.quantile(0.99)),
    run.note,
  ];
  const ratio = (q: number): string =>
    `${(writes.api.samples.quantile(q) / writes.direct.samples.quantile(q)).toFixed(2)}×`;
  const { direct, api, lag, roundRatios } = writes;
  const perRound = spread(roundRatios);
  const overhead = [
    'API ÷ direct',
    '',
    '',
    `${(rate(api) / rate(direct)).toFixed(2)}× (rounds: median ${perRound.median.toFixed(2)}, ${perRound.min.toFixed(2)}–${perRound.max.toFixed(2)})`,
    ratio(0.5),
    ratio(0.95),
    ratio(0.99),
    '',
  ];
  const gauge = (name: string): string => {
    const value = lag.max.get(name);
    return value === undefined ? 'n/a' : String(value);
  };
  const sections = [
    `### Writes: registerInvoice as a tier-1 clerk, ${CLIENTS} concurrent clients, ${WRITES} each way in ${ROUNDS} rounds taking turns (target: API ≥ 0.95× direct)`,
    table(
      ['path', 'tx', 's', 'tx/s', 'p50 ms', 'p95 ms', 'p99 ms', 'note'],
      [writeRow(direct), writeRow(api), overhead],
    ),
    `### CPU-ms per write by component (/proc; the direct run until the supplier node projected it)`,
    table(
      ['path', 'tx', ...components, 'total'],
      cpuPerTransaction(
        [direct, api].map((run) => ({ name: run.name, transactions: run.samples.count, cpuMs: run.cpuMs })),
        components,
      ),
    ),
    `### Projector lag during the direct run (supplier node)`,
    table(
      ['measure', 'value'],
      [
        ['commit returned → announced on `changes`, p50 ms', ms(lag.samples.quantile(0.5))],
        ['commit returned → announced on `changes`, p99 ms', ms(lag.samples.quantile(0.99))],
        ['transactions announced', `${lag.samples.count} of ${WRITES} (${lag.missing} missing after 60 s)`],
        ['max scf_projector_lag_blocks', gauge('scf_projector_lag_blocks')],
        ['max scf_projector_lag_seconds', gauge('scf_projector_lag_seconds')],
        ['/metrics polls (every 250 ms)', String(lag.polls)],
      ],
    ),
    `### Reads with ${VOUCHERS} vouchers in the read model (sequential, ${READ_WARMUP} warm-up, ${READS} timed)`,
    table(
      ['query', 'as', 'node', 'matching rows', 'p50 ms', 'p95 ms', 'p99 ms'],
      reads.map((read) => [
        read.readCase.name,
        read.readCase.who.join(' '),
        read.org,
        read.matching,
        ms(read.samples.quantile(0.5)),
        ms(read.samples.quantile(0.95)),
        ms(read.samples.quantile(0.99)),
      ]),
    ),
    `Fabric ${ctx.tools.version}, ${ORDERERS} Raft orderer(s), batch timeout ${BATCH.timeout}, ` +
      `at most ${BATCH.maxMessageCount} tx per block; one node API per org; run took ${minutes.toFixed(1)} min.`,
  ];
  return `\n${sections.join('\n\n')}\n`;
}

async function main(): Promise<void> {
  const started = performance.now();
  // Ctrl-C: exit through 'exit', where the test network's handler kills what it started.
  process.once('SIGINT', () => {
    process.exit(130);
  });
  log(`starting a network with ${ORDERERS} orderer(s)`);
  const ctx = await startTestNetwork(ORDERERS, { batchTimeout: BATCH.timeout });
  try {
    log('starting a node API per org');
    const urls = await startNodeApis(ctx);
    const supplierUrl = urls.supplier;
    if (!supplierUrl) throw new Error('the network has no supplier org');
    await seedDemo({
      urls,
      invoices: 0,
      log: (message) => {
        log(`seed: ${message}`);
      },
    });
    const components = [...networkComponents(ctx), ...nodeApiComponents(ctx), LOAD_CLIENT];
    const writes = await writeBench(ctx, supplierUrl, components);
    const reads = await readBench(ctx);
    const names = components.map((component) => component.name);
    process.stdout.write(report(ctx, writes, reads, names, (performance.now() - started) / 60_000));
  } finally {
    log('stopping the network');
    await stopTestNetwork(ctx);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
