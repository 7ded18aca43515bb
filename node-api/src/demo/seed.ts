import { cstDay, currentLprEffective } from './calendar.ts';
import {
  adminEnterpriseOf,
  DEMO_ENTERPRISES,
  DEMO_PASSWORD,
  DEMO_ROLES,
  demoEnterprise,
  type DemoEnterprise,
  type DemoKey,
} from './demo-consortium.ts';
import { ApiError, Flow, NodeClient, type Write } from './graphql-client.ts';
import { inPool, seededRandom } from './pool.ts';
import { DEMO_RECOURSE_BANK } from './recourse-seed.ts';

export interface SeedOptions {
  /** Node API base URL per org. */
  urls: Record<string, string>;
  /** Tier-1 invoices to register (tier-2 invoices and vouchers follow from them). */
  invoices: number;
  concurrency?: number;
  log: (message: string) => void;
  /** Runs once the consortium is set up, before today's business (the demo writes its past year here). */
  afterSetup?: () => Promise<void>;
}

export interface SeedSummary {
  invoices: number;
  confirmed: number;
  transfers: number;
  /** Transferred pieces left waiting for their recipient's consent (the rest were accepted). */
  awaitingConsent: number;
  /** Vouchers maturing more than 6 months after confirmation. */
  longTerm: number;
  financings: number;
  disbursed: number;
}

type Role = 'clerk' | 'approver';
type Clients = Map<string, NodeClient>;

const YUAN = 100n;
/** Each invoice and financing draws from its own seeded sequence: the same demo every run, whatever the timing. */
const SEED = 20_261_122;

const ignoreExisting = async (work: () => Promise<unknown>): Promise<void> => {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'ALREADY_EXISTS')) throw error;
  }
};

function urlOf(options: SeedOptions, org: string): string {
  const url = options.urls[org];
  if (!url) throw new Error(`no node API URL for org ${org}`);
  return url;
}

function client(clients: Clients, key: DemoKey, role: Role | 'admin'): NodeClient {
  const found = clients.get(`${key}.${role}`);
  if (!found) throw new Error(`no demo login ${key}.${role}`);
  return found;
}

/** Registers each org's other enterprises and creates a clerk and an approver per enterprise. */
async function enterprisesAndUsers(options: SeedOptions, flow: Flow): Promise<Clients> {
  const clients: Clients = new Map();
  for (const org of Object.keys(options.urls)) {
    const admin = await new NodeClient(urlOf(options, org)).login('admin', DEMO_PASSWORD);
    clients.set(`${adminEnterpriseOf(org).key}.admin`, admin);
    for (const enterprise of DEMO_ENTERPRISES.filter((e) => e.org === org)) {
      await ignoreExisting(() =>
        flow.run(
          admin,
          'mutation($id: String!, $name: String!, $kind: NewEnterpriseKind!) { registerEnterprise(id: $id, name: $name, kind: $kind) { projection transactionId blockNumber } }',
          { id: enterprise.id, name: enterprise.name, kind: enterprise.kind },
        ),
      );
      for (const role of DEMO_ROLES) {
        const username = `${enterprise.login}.${role}`;
        await ignoreExisting(() =>
          admin.request('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
            input: {
              username,
              password: DEMO_PASSWORD,
              displayName: `${enterprise.name} ${role}`,
              role: role.toUpperCase(),
              enterpriseId: enterprise.id,
            },
          }),
        );
        clients.set(
          `${enterprise.key}.${role}`,
          await new NodeClient(urlOf(options, org)).login(username, DEMO_PASSWORD),
        );
      }
    }
  }
  return clients;
}

async function ratesAndLines(clients: Clients, flow: Flow): Promise<void> {
  const effective = currentLprEffective();
  // The charter wants two publisher banks to attest a rate before it is in force: bank A, then bank B.
  for (const bank of ['bankA', 'bankB'] as const) {
    for (const [tenor, bps] of [
      ['LPR_1Y', 310],
      ['LPR_5Y', 360],
    ] as const) {
      await ignoreExisting(() =>
        flow.run(
          client(clients, bank, 'admin'),
          'mutation($t: RateTenorInput!, $r: Int!, $d: Date!) { publishRate(tenor: $t, rateBps: $r, effectiveDate: $d) { projection transactionId blockNumber } }',
          { t: tenor, r: bps, d: effective },
        ),
      );
    }
  }
  const core = demoEnterprise('core').id;
  for (const [bank, limit] of [
    ['bankA', 80_000_000n],
    ['bankB', 50_000_000n],
  ] as const) {
    await ignoreExisting(() =>
      flow.run(
        client(clients, bank, 'approver'),
        'mutation($d: String!, $l: Fen!, $e: Date!) { grantCreditLine(debtorId: $d, limit: $l, expiryDate: $e) { projection transactionId blockNumber } }',
        { d: core, l: (limit * YUAN).toString(), e: cstDay(365) },
      ),
    );
  }
}

const text = (lines: string[]): Uint8Array => new TextEncoder().encode(`${lines.join('\n')}\n`);

interface Registered {
  id: string;
  seller: DemoEnterprise;
  amount: bigint;
  voucherId: string | null;
  /** The last write of its flow: what later flows on this invoice's voucher build on. */
  written: Write | undefined;
}

/** A voucher piece someone holds (or is asked to accept), and the write that created it. */
interface Held {
  holder: DemoKey;
  voucherId: string;
  written: Write | undefined;
  /** Transferred and not accepted: neither passed on nor financed until its recipient says yes. */
  awaitingConsent?: boolean;
}

/** One tier-1 invoice through its life: registered, shipped, delivered, confirmed (mostly). */
async function invoiceLife(
  clients: Clients,
  index: number,
  random: () => number,
): Promise<Registered | null> {
  const flow = new Flow();
  const seller = demoEnterprise(index % 3 === 2 ? 'tier1b' : 'tier1');
  const core = demoEnterprise('core');
  const number = `HC${cstDay(0).slice(2, 4)}${String(index + 1).padStart(6, '0')}`;
  const amount = BigInt(Math.round(20_000 + random() * 580_000)) * YUAN;
  const clerk = client(clients, seller.key as DemoKey, 'clerk');
  const document = await clerk.upload(
    `${number}.txt`,
    'text/plain',
    text([
      `增值税专用发票 ${number}`,
      `销售方 ${seller.name}`,
      `购买方 ${core.name}`,
      `金额 ${amount / YUAN} 元`,
    ]),
  );
  let registered: { registerInvoice: { invoice: { id: string } | null } };
  try {
    registered = await flow.run(
      clerk,
      'mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) { transactionId blockNumber invoice { id } } }',
      {
        input: {
          number,
          buyerId: core.id,
          amount: amount.toString(),
          issueDate: cstDay(-(index % 45)),
          dueDate: cstDay(30 + Math.floor(random() * 150)),
          documentSha256: document,
          purchaseOrderNumber: `PO-${2026_0000 + index}`,
        },
      },
    );
  } catch (error) {
    if (error instanceof ApiError && error.code === 'ALREADY_EXISTS') return null;
    throw error;
  }
  const id = registered.registerInvoice.invoice?.id;
  if (!id) return null;
  const fate = random();
  if (fate < 0.08) return { id, seller, amount, voucherId: null, written: flow.lastWrite }; // waits for shipment and confirmation
  const carrier = client(clients, 'carrier', 'clerk');
  const waybill = await carrier.upload(
    `YD${number}.txt`,
    'text/plain',
    text([`运单 YD${number}`, '青岛 → 苏州']),
  );
  const pickup = await flow.run<{ recordPickup: { shipment: { id: string } | null } }>(
    carrier,
    'mutation($input: RecordPickupInput!) { recordPickup(input: $input) { transactionId blockNumber shipment { id } } }',
    {
      input: {
        invoiceId: id,
        waybillNumber: `YD${number}`,
        origin: '苏州工业园区',
        destination: '青岛黄岛区',
        documentSha256: waybill,
      },
    },
  );
  const shipmentId = pickup.recordPickup.shipment?.id;
  if (!shipmentId || fate < 0.14) return { id, seller, amount, voucherId: null, written: flow.lastWrite }; // still in transit
  const proof = await carrier.upload(
    `POD${number}.txt`,
    'text/plain',
    text([`签收单 ${number}`, '货物完好']),
  );
  await flow.run(
    carrier,
    'mutation($id: ID!, $h: String!) { confirmDelivery(id: $id, documentSha256: $h) { projection transactionId blockNumber } }',
    { id: shipmentId, h: proof },
  );
  const approver = client(clients, 'core', 'approver');
  if (fate < 0.2) return { id, seller, amount, voucherId: null, written: flow.lastWrite }; // delivered, in the confirmation inbox
  if (fate < 0.23) {
    await flow.run(
      approver,
      'mutation($id: ID!, $r: String!) { rejectInvoice(id: $id, reason: $r) { projection transactionId blockNumber } }',
      { id, r: '数量与订单不符' },
    );
    return { id, seller, amount, voucherId: null, written: flow.lastWrite };
  }
  const confirmed = await flow.run<{
    confirmInvoice: { invoice: { voucherId: string | null } | null };
  }>(
    approver,
    'mutation($id: ID!) { confirmInvoice(id: $id) { transactionId blockNumber invoice { voucherId } } }',
    { id },
  );
  return {
    id,
    seller,
    amount,
    voucherId: confirmed.confirmInvoice.invoice?.voucherId ?? null,
    written: flow.lastWrite,
  };
}

/**
 * A tier-1 holder passes part of a voucher to its tier-2 supplier, backed by that supplier's invoice;
 * the supplier's approver accepts it (Art. 11), unless `accept` is false: then it waits in its queue.
 */
async function passDown(
  clients: Clients,
  root: Registered,
  index: number,
  accept: boolean,
): Promise<Held | null> {
  if (!root.voucherId) return null;
  const flow = new Flow(root.written);
  const tier2 = demoEnterprise(root.seller.key === 'tier1' ? 'tier2' : 'tier2b');
  const piece = (root.amount * 4n) / 10n;
  const clerk = client(clients, tier2.key as DemoKey, 'clerk');
  const number = `T2${String(index + 1).padStart(6, '0')}`;
  const document = await clerk.upload(
    `${number}.txt`,
    'text/plain',
    text([`发票 ${number}`, `销售方 ${tier2.name}`, `购买方 ${root.seller.name}`]),
  );
  const invoice = await flow.run<{ registerInvoice: { invoice: { id: string } | null } }>(
    clerk,
    'mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) { transactionId blockNumber invoice { id } } }',
    {
      input: {
        number,
        buyerId: root.seller.id,
        amount: piece.toString(),
        issueDate: cstDay(-1),
        dueDate: cstDay(90),
        documentSha256: document,
      },
    },
  );
  const invoiceId = invoice.registerInvoice.invoice?.id;
  if (!invoiceId) return null;
  const split = await flow.run<{
    splitTransfer: { children: { id: string; holderId: string }[] };
  }>(
    client(clients, root.seller.key as DemoKey, 'approver'),
    'mutation($v: ID!, $p: [VoucherPieceInput!]!) { splitTransfer(voucherId: $v, pieces: $p) { transactionId blockNumber children { id holderId } } }',
    {
      v: root.voucherId,
      p: [
        { amount: (root.amount - piece).toString() },
        { amount: piece.toString(), toEnterpriseId: tier2.id, invoiceId },
      ],
    },
  );
  const passed = split.splitTransfer.children.find((child) => child.holderId === tier2.id);
  if (!passed) return null;
  if (accept) {
    await flow.run(
      client(clients, tier2.key as DemoKey, 'approver'),
      'mutation($v: ID!) { acceptTransfer(voucherId: $v) { transactionId blockNumber } }',
      { v: passed.id },
    );
  }
  return {
    holder: tier2.key as DemoKey,
    voucherId: passed.id,
    written: flow.lastWrite,
    awaitingConsent: !accept,
  };
}

/**
 * One invoice due 200 days out, confirmed today: more than 6 months, so its voucher is flagged
 * long-term (银发〔2025〕77号 allows up to a year). Delivery is waived on the record.
 */
async function longTermVoucher(clients: Clients): Promise<boolean> {
  const flow = new Flow();
  const seller = demoEnterprise('tier1b');
  const core = demoEnterprise('core');
  const number = `HC${cstDay(0).slice(2, 4)}L00001`;
  const clerk = client(clients, seller.key as DemoKey, 'clerk');
  const document = await clerk.upload(
    `${number}.txt`,
    'text/plain',
    text([`增值税专用发票 ${number}`, `销售方 ${seller.name}`, `购买方 ${core.name}`, '账期 200 天']),
  );
  let invoiceId: string | undefined;
  try {
    const registered = await flow.run<{ registerInvoice: { invoice: { id: string } | null } }>(
      clerk,
      'mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) { transactionId blockNumber invoice { id } } }',
      {
        input: {
          number,
          buyerId: core.id,
          amount: (268_000n * YUAN).toString(),
          issueDate: cstDay(0),
          dueDate: cstDay(200),
          documentSha256: document,
          purchaseOrderNumber: 'PO-LONG-1',
        },
      },
    );
    invoiceId = registered.registerInvoice.invoice?.id;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'ALREADY_EXISTS') return false;
    throw error;
  }
  if (!invoiceId) return false;
  await flow.run(
    client(clients, 'core', 'approver'),
    'mutation($id: ID!) { confirmInvoice(id: $id, waiveDelivery: true) { transactionId blockNumber } }',
    { id: invoiceId },
  );
  return true;
}

/** An SME applies at a bank; the bank offers, the SME accepts, the bank disburses — each step for most. */
async function financeOne(
  clients: Clients,
  { holder, voucherId, written }: Held,
  index: number,
  random: () => number,
): Promise<'applied' | 'offered' | 'accepted' | 'disbursed'> {
  const flow = new Flow(written);
  const bank: DemoKey = index % 3 === 0 ? 'bankB' : 'bankA';
  const applied = await flow.run<{
    applyFinancing: { financing: { id: string } | null };
  }>(
    client(clients, holder, 'clerk'),
    'mutation($v: ID!, $b: String!) { applyFinancing(voucherId: $v, bankId: $b) { transactionId blockNumber financing { id } } }',
    {
      v: voucherId,
      b: demoEnterprise(bank).id,
    },
  );
  const id = applied.applyFinancing.financing?.id;
  if (!id || random() < 0.25) return 'applied';
  await flow.run(
    client(clients, bank, 'approver'),
    'mutation($id: ID!, $t: OfferInput!) { offerFinancing(id: $id, terms: $t) { projection transactionId blockNumber } }',
    {
      id,
      t: {
        advanceRateBps: 9000,
        spreadBps: 60 + Math.floor(random() * 90),
        fees: '50000',
        validUntil: cstDay(10),
        recourse: bank === DEMO_RECOURSE_BANK,
      },
    },
  );
  if (random() < 0.3) return 'offered';
  try {
    await flow.run(
      client(clients, holder, 'approver'),
      'mutation($id: ID!) { acceptOffer(id: $id) { projection transactionId blockNumber } }',
      { id },
    );
  } catch (error) {
    // The bank's line against the core enterprise is used up: the offer stays open, as it would.
    if (error instanceof ApiError && error.code === 'CREDIT_LIMIT_EXCEEDED') return 'offered';
    throw error;
  }
  if (random() < 0.2) return 'accepted';
  await flow.run(
    client(clients, bank, 'approver'),
    'mutation($id: ID!, $r: String!) { disburseFinancing(id: $id, paymentReference: $r) { projection transactionId blockNumber } }',
    { id, r: `FK${cstDay(0).replaceAll('-', '')}${String(index).padStart(5, '0')}` },
  );
  return 'disbursed';
}

/** Loads the demo consortium through the node APIs themselves, as its people would. */
export async function seedDemo(options: SeedOptions): Promise<SeedSummary> {
  const concurrency = options.concurrency ?? 8;
  const setup = new Flow();
  options.log('enterprises and users');
  const clients = await enterprisesAndUsers(options, setup);
  options.log('benchmark rates and credit lines');
  await ratesAndLines(clients, setup);
  // Every later flow starts from a consortium in which every node has all of the set-up.
  await setup.settle(
    [...clients.entries()].filter(([key]) => key.endsWith('.admin')).map(([, node]) => node),
  );
  await options.afterSetup?.();
  options.log(`${options.invoices} invoices: shipment, delivery, confirmation`);
  const indexes = Array.from({ length: options.invoices }, (_, index) => index);
  const registered = (
    await inPool(indexes, concurrency, (index) => invoiceLife(clients, index, seededRandom(SEED + index)))
  ).filter((invoice): invoice is Registered => invoice !== null);
  const roots = registered.filter((invoice) => invoice.voucherId !== null);
  options.log(`passing ${Math.ceil(roots.length / 3)} vouchers down to tier 2`);
  // The second piece passed down waits for its recipient's consent; every other one is accepted.
  const passed = await inPool(
    roots.filter((_, i) => i % 3 === 0),
    concurrency,
    (root, i) => passDown(clients, root, i, i !== 1),
  );
  // Set-up only (tests that build their own story ask for no invoices): no extra voucher either.
  const longTerm = options.invoices > 0 && (await longTermVoucher(clients));
  const financeable: Held[] = [
    ...roots
      .filter((root, i) => i % 3 === 1 && root.voucherId !== null)
      .map((root): Held => ({
        holder: root.seller.key as DemoKey,
        voucherId: root.voucherId ?? '',
        written: root.written,
      })),
    ...passed
      .filter((piece): piece is Held => piece !== null && piece.awaitingConsent !== true)
      .filter((_, i) => i % 2 === 0),
  ];
  options.log(`${financeable.length} financing applications`);
  const outcomes = await inPool(financeable, concurrency, (held, i) =>
    financeOne(clients, held, i, seededRandom(SEED * 2 + i)),
  );
  return {
    invoices: registered.length,
    confirmed: roots.length,
    transfers: passed.filter((piece) => piece !== null).length,
    awaitingConsent: passed.filter((piece) => piece?.awaitingConsent === true).length,
    longTerm: longTerm ? 1 : 0,
    financings: outcomes.length,
    disbursed: outcomes.filter((outcome) => outcome === 'disbursed').length,
  };
}
