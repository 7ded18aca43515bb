import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT_RANGES, MAX_PIECES, type IntRange } from '@scf/ledger-contract';
import { enrollUser, findMember, type NetworkContext } from '@scf/network';
import { nodeUrl } from '../../src/cli/node-env.ts';
import { demoEnterprise, type DemoKey } from '../../src/demo/demo-consortium.ts';
import type { NodeClient } from '../../src/demo/graphql-client.ts';
import { BlockLocator } from '../../src/ledger/blocks.ts';
import { connectMember, type LedgerConnection } from '../../src/ledger/index.ts';
import { scfLedger } from '../../src/ledger/scf-ledger.ts';
import { TEXT } from '../../src/schema/mutations/limits.ts';
import { DEFAULT_ID_RULE, DEFAULT_TEXT_RULE, ruleOf, type TextRule } from '../../src/schema/text-rule.ts';
import {
  badDate,
  badEnum,
  badFen,
  badInt,
  badText,
  notAnObject,
  type Bad,
  type Phase,
} from '../support/hostile-values.ts';
import { loginAs } from '../support/node-apis.ts';
import { cstDate } from '../support/values.ts';

/** Every refusal a client may see: the node's and the chaincode's codes, and GraphQL's own. */
const TYPED = new Set([
  'INVALID_ARGUMENT',
  'DOCUMENT_NOT_OWNED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'INVALID_STATE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
]);
const CASES = 10_000;
const SEED = Number(process.env.SCF_FUZZ_SEED ?? 20_261_130);
/** Aliases per request when the cases' errors stay apart (limit 15, see http/query-limits.ts). */
const BATCH = 12;
const CONCURRENCY = 8;

const rule = (validate: unknown): TextRule => {
  const found = ruleOf(validate);
  if (!found) throw new Error('not a text rule');
  return found;
};
const ID = rule(TEXT.id);
const CREDIT_CODE = { max: 1_000, pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/ };
/** An Int the ledger bounds to `range`, broken. */
const badRange = (range: IntRange, options: { optional?: boolean } = {}) =>
  badInt(range.min, range.max, options);

type Caller =
  | 'tier1.clerk'
  | 'tier1.approver'
  | 'tier2.clerk'
  | 'core.approver'
  | 'bankA.approver'
  | 'bankA.admin'
  | 'carrier.clerk'
  | 'anonymous';

/** One argument (or input-object field): a value that passes, and the ways to break it. */
interface Slot {
  valid: unknown;
  bad: fc.Arbitrary<Bad>;
}

/** An input object: its fields' slots; `whole` breaks the object itself. */
interface ObjectSlot {
  fields: Record<string, Slot>;
  whole?: fc.Arbitrary<Bad>;
}

interface Template {
  field: string;
  operation: 'query' | 'mutation';
  caller: Caller;
  /** Each argument's GraphQL type, as its variable is declared. */
  types: Record<string, string>;
  args: Record<string, Slot | ObjectSlot>;
  selection: string;
  /** A nullable field's errors stay with its alias, so several cases can share a request. */
  nullable: boolean;
}

interface Case {
  template: Template;
  variables: Record<string, unknown>;
  phase: Phase;
  /** Which argument was broken, and how: for the report. */
  what: string;
}

const isObjectSlot = (slot: Slot | ObjectSlot): slot is ObjectSlot => 'fields' in slot;
const validOf = (slot: Slot | ObjectSlot): unknown =>
  isObjectSlot(slot)
    ? Object.fromEntries(Object.entries(slot.fields).map(([name, field]) => [name, field.valid]))
    : slot.valid;

/** Cases of a template: one argument (or one field of an input object) broken, the rest valid. */
function casesOf(template: Template): fc.Arbitrary<Case> {
  const valid = Object.fromEntries(
    Object.entries(template.args).map(([name, slot]) => [name, validOf(slot)]),
  );
  const breaks: fc.Arbitrary<Case>[] = [];
  const broken = (what: string, put: (value: unknown) => Record<string, unknown>, bad: fc.Arbitrary<Bad>) =>
    bad.map((b): Case => ({ template, variables: put(b.value), phase: b.phase, what }));
  for (const [name, slot] of Object.entries(template.args)) {
    if (!isObjectSlot(slot)) {
      breaks.push(broken(name, (value) => ({ ...valid, [name]: value }), slot.bad));
      continue;
    }
    const base = valid[name] as Record<string, unknown>;
    for (const [field, inner] of Object.entries(slot.fields)) {
      breaks.push(
        broken(`${name}.${field}`, (value) => ({ ...valid, [name]: { ...base, [field]: value } }), inner.bad),
      );
    }
    if (slot.whole) breaks.push(broken(name, (value) => ({ ...valid, [name]: value }), slot.whole));
  }
  return fc.oneof(...breaks);
}

const text = (
  validate: unknown,
  valid: string,
  options: { optional?: boolean; id?: boolean } = {},
): Slot => ({
  valid,
  bad: badText(rule(validate), options),
});
/** An ID argument: the default rule of IDs (schema/text-input-plugin.ts). */
const id = (valid = 'FUZZ-NOTHING-HERE'): Slot => ({ valid, bad: badText(DEFAULT_ID_RULE, { id: true }) });
const defaultText = (valid: string): Slot => ({ valid, bad: badText(DEFAULT_TEXT_RULE) });

function templates(documents: { tier1: string; carrier: string }): Template[] {
  const core = demoEnterprise('core').id;
  const payload = '{ projection }';
  const mutation = (
    field: string,
    caller: Caller,
    types: Record<string, string>,
    args: Record<string, Slot | ObjectSlot>,
    selection = payload,
  ): Template => ({ field, operation: 'mutation', caller, types, args, selection, nullable: false });
  const lookup = (field: string, caller: Caller, args: Record<string, Slot>, types: Record<string, string>) =>
    ({
      field,
      operation: 'query',
      caller,
      types,
      args,
      selection: '{ __typename }',
      nullable: true,
    }) as Template;
  return [
    mutation(
      'registerInvoice',
      'tier1.clerk',
      { input: 'RegisterInvoiceInput!' },
      {
        input: {
          fields: {
            number: text(TEXT.documentNumber, 'FUZZ-INV-1'),
            buyerId: text(TEXT.id, core),
            amount: { valid: '1000000', bad: badFen() },
            issueDate: { valid: cstDate(-1), bad: badDate() },
            dueDate: { valid: cstDate(60), bad: badDate() },
            documentSha256: text(TEXT.sha256, documents.tier1),
            purchaseOrderNumber: text(TEXT.orderNumber, 'PO-FUZZ', { optional: true }),
          },
          whole: notAnObject,
        },
      },
    ),
    mutation(
      'rejectInvoice',
      'core.approver',
      { id: 'ID!', reason: 'String!' },
      {
        id: id(),
        reason: text(TEXT.reason, 'wrong quantity'),
      },
    ),
    mutation('cancelInvoice', 'tier1.clerk', { id: 'ID!' }, { id: id() }),
    mutation(
      'confirmInvoice',
      'core.approver',
      { id: 'ID!', waiveDelivery: 'Boolean!' },
      {
        id: id(),
        waiveDelivery: {
          valid: false,
          bad: fc
            .constantFrom('true', 1, 0, null, [], 'yes')
            .map((value) => ({ value, phase: 'coerce' as const })),
        },
      },
    ),
    mutation(
      'recordPickup',
      'carrier.clerk',
      { input: 'RecordPickupInput!' },
      {
        input: {
          fields: {
            invoiceId: text(TEXT.id, 'FUZZ-NOTHING-HERE'),
            waybillNumber: text(TEXT.documentNumber, 'YD-FUZZ'),
            origin: text(TEXT.place, '苏州'),
            destination: text(TEXT.place, '青岛'),
            documentSha256: text(TEXT.sha256, documents.carrier),
          },
          whole: notAnObject,
        },
      },
    ),
    mutation(
      'confirmDelivery',
      'carrier.clerk',
      { id: 'ID!', documentSha256: 'String!' },
      {
        id: id(),
        documentSha256: text(TEXT.sha256, documents.carrier),
      },
    ),
    mutation(
      'splitTransfer',
      'tier1.approver',
      { voucherId: 'ID!', pieces: '[VoucherPieceInput!]!' },
      {
        voucherId: id(),
        pieces: {
          valid: [{ amount: '100' }],
          bad: fc.oneof(
            badFen().map((b) => ({ ...b, value: [{ amount: b.value }] })),
            badText(ID, { optional: true }).map((b) => ({
              ...b,
              value: [{ amount: '100', toEnterpriseId: b.value, invoiceId: 'FUZZ-INV' }],
            })),
            badText(ID, { optional: true }).map((b) => ({
              ...b,
              value: [{ amount: '100', toEnterpriseId: core, invoiceId: b.value }],
            })),
            fc
              .constantFrom(
                [],
                Array.from({ length: MAX_PIECES + 1 }, () => ({ amount: '1' })),
              )
              .map((value) => ({
                value,
                phase: 'resolve' as const,
              })),
            fc.constantFrom(5, 'x', null, [null], [5]).map((value) => ({ value, phase: 'coerce' as const })),
          ),
        },
      },
      '{ projection children { id } }',
    ),
    mutation(
      'applyFinancing',
      'tier1.clerk',
      { voucherId: 'ID!', bankId: 'String!' },
      {
        voucherId: id(),
        bankId: text(TEXT.id, demoEnterprise('bankA').id),
      },
    ),
    mutation(
      'offerFinancing',
      'bankA.approver',
      { id: 'ID!', terms: 'OfferInput!' },
      {
        id: id(),
        terms: {
          fields: {
            advanceRateBps: { valid: 8000, bad: badRange(INT_RANGES.advanceRateBps) },
            spreadBps: { valid: 50, bad: badRange(INT_RANGES.spreadBps) },
            fees: { valid: '100', bad: badFen() },
            validUntil: { valid: cstDate(3), bad: badDate() },
            recourse: {
              valid: false,
              bad: fc
                .constantFrom('true', 1, 0, null, [], 'yes')
                .map((value) => ({ value, phase: 'coerce' as const })),
            },
          },
          whole: notAnObject,
        },
      },
    ),
    mutation('acceptOffer', 'tier1.approver', { id: 'ID!' }, { id: id() }),
    mutation(
      'disburseFinancing',
      'bankA.approver',
      { id: 'ID!', paymentReference: 'String!' },
      {
        id: id(),
        paymentReference: text(TEXT.paymentReference, 'PAY-FUZZ'),
      },
    ),
    mutation(
      'rejectFinancing',
      'bankA.approver',
      { id: 'ID!', reason: 'String!' },
      {
        id: id(),
        reason: text(TEXT.reason, 'too risky'),
      },
    ),
    mutation('withdrawFinancing', 'tier1.clerk', { id: 'ID!' }, { id: id() }),
    mutation('expireOffer', 'tier2.clerk', { id: 'ID!' }, { id: id() }),
    mutation(
      'payVoucher',
      'core.approver',
      { voucherId: 'ID!', paymentReference: 'String!' },
      {
        voucherId: id(),
        paymentReference: text(TEXT.paymentReference, 'PAY-FUZZ'),
      },
    ),
    mutation(
      'grantCreditLine',
      'bankA.approver',
      { debtorId: 'String!', limit: 'Fen!', expiryDate: 'Date!' },
      {
        debtorId: text(TEXT.id, 'FUZZ-NO-DEBTOR'),
        limit: { valid: '100000000', bad: badFen() },
        expiryDate: { valid: cstDate(365), bad: badDate() },
      },
    ),
    mutation(
      'changeCreditLine',
      'bankA.approver',
      { id: 'ID!', limit: 'Fen!', expiryDate: 'Date!' },
      {
        id: id(),
        limit: { valid: '100000000', bad: badFen() },
        expiryDate: { valid: cstDate(365), bad: badDate() },
      },
    ),
    mutation(
      'setCreditLineStatus',
      'bankA.approver',
      { id: 'ID!', status: 'CreditLineStatusInput!' },
      {
        id: id(),
        status: { valid: 'FROZEN', bad: badEnum(['ACTIVE', 'FROZEN']) },
      },
    ),
    mutation(
      'publishRate',
      'bankA.admin',
      { tenor: 'RateTenorInput!', rateBps: 'Int!', effectiveDate: 'Date!' },
      {
        tenor: { valid: 'LPR_1Y', bad: badEnum(['LPR_1Y', 'LPR_5Y']) },
        rateBps: { valid: 305, bad: badRange(INT_RANGES.rateBps) },
        effectiveDate: { valid: cstDate(1), bad: badDate() },
      },
    ),
    mutation(
      'registerEnterprise',
      'bankA.admin',
      { id: 'String!', name: 'String!', kind: 'NewEnterpriseKind!' },
      {
        id: { valid: '91370200MA0F00001X', bad: badText(CREDIT_CODE) },
        name: text(TEXT.name, 'Fuzz Ltd'),
        kind: { valid: 'BANK', bad: badEnum(['AUDITOR', 'BANK', 'CORE', 'LOGISTICS', 'SUPPLIER']) },
      },
    ),
    mutation(
      'setEnterpriseStatus',
      'bankA.admin',
      { id: 'ID!', status: 'EnterpriseStatusInput!' },
      {
        id: id(),
        status: { valid: 'SUSPENDED', bad: badEnum(['ACTIVE', 'SUSPENDED']) },
      },
    ),
    mutation(
      'createUser',
      'bankA.admin',
      { input: 'CreateUserInput!' },
      {
        input: {
          fields: {
            username: defaultText('fuzz.user'),
            password: defaultText('a long enough password'),
            displayName: defaultText('Fuzz User'),
            role: { valid: 'CLERK', bad: badEnum(['ADMIN', 'APPROVER', 'CLERK']) },
            enterpriseId: text(TEXT.id, demoEnterprise('bankA').id),
          },
          whole: notAnObject,
        },
      },
      '{ id }',
    ),
    mutation(
      'login',
      'anonymous',
      { username: 'String!', password: 'String!' },
      { username: defaultText('nobody.here'), password: defaultText('not the password') },
      '{ token }',
    ),
    // Issue 13: credit notes (dilution) and a bank's write-offs, each refused on a ledger that has
    // no such invoice, note or financing (nothing may be written).
    mutation(
      'registerCreditNote',
      'tier1.clerk',
      { input: 'RegisterCreditNoteInput!' },
      {
        input: {
          fields: {
            invoiceId: id(),
            amount: { valid: '100000', bad: badFen() },
            reasonKind: {
              valid: 'RETURN',
              bad: badEnum(['RETURN', 'PRICE_REDUCTION', 'REVERSAL']),
            },
            reason: text(TEXT.reason, 'goods returned'),
            documentSha256: text(TEXT.sha256, documents.tier1),
          },
          whole: notAnObject,
        },
      },
    ),
    mutation('acceptCreditNote', 'core.approver', { id: 'ID!' }, { id: id() }),
    mutation(
      'declineCreditNote',
      'core.approver',
      { id: 'ID!', reason: 'String!' },
      { id: id(), reason: text(TEXT.reason, 'no goods came back') },
    ),
    mutation('withdrawCreditNote', 'tier1.clerk', { id: 'ID!' }, { id: id() }),
    mutation(
      'recordWriteOff',
      'bankA.approver',
      { financingId: 'ID!', reason: 'String!' },
      { financingId: id(), reason: text(TEXT.reason, 'debtor insolvent') },
    ),
    mutation('demandBuyBack', 'bankA.approver', { id: 'ID!' }, { id: id() }),
    mutation(
      'recordBuyBack',
      'bankA.approver',
      { id: 'ID!', paymentReference: 'String!' },
      { id: id(), paymentReference: text(TEXT.paymentReference, 'BUYBACK-FUZZ') },
    ),
    mutation(
      'sweepOverdue',
      'tier1.clerk',
      { limit: 'Int!' },
      { limit: { valid: 100, bad: badRange(INT_RANGES.sweepLimit) } },
    ),
    lookup('invoice', 'tier1.clerk', { id: id() }, { id: 'ID!' }),
    lookup('voucher', 'core.approver', { id: id() }, { id: 'ID!' }),
    lookup('financing', 'bankA.approver', { id: id() }, { id: 'ID!' }),
    lookup('shipment', 'carrier.clerk', { id: id() }, { id: 'ID!' }),
    lookup('creditLine', 'bankA.approver', { id: id() }, { id: 'ID!' }),
    lookup('enterprise', 'tier2.clerk', { id: id() }, { id: 'ID!' }),
    lookup('benchmarkRate', 'bankA.admin', { id: id() }, { id: 'ID!' }),
    lookup(
      'document',
      'tier1.clerk',
      { sha256: { valid: documents.tier1, bad: badText({ max: 1_000, pattern: /^[0-9a-f]{64}$/ }) } },
      { sha256: 'String!' },
    ),
    {
      field: 'invoices',
      operation: 'query',
      caller: 'core.approver',
      types: { first: 'Int', after: 'String', filter: 'InvoiceFilter' },
      args: {
        first: { valid: 10, bad: badRange(INT_RANGES.pageSize, { optional: true }) },
        after: { valid: null, bad: badText(DEFAULT_TEXT_RULE, { optional: true }) },
        filter: {
          fields: {
            search: { valid: null, bad: badText(DEFAULT_TEXT_RULE, { optional: true }) },
            sellerId: { valid: null, bad: badText(DEFAULT_ID_RULE, { optional: true, id: true }) },
            amount: {
              valid: null,
              bad: fc.oneof(
                badFen({ optional: true }).map((b) => ({ ...b, value: { min: b.value } })),
                fc
                  .tuple(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.bigInt({ min: 1n, max: 10n ** 17n }))
                  .map(([max, more]) => ({
                    value: { min: (max + more).toString(), max: max.toString() },
                    phase: 'resolve' as const,
                  })),
              ),
            },
            dueDate: {
              valid: null,
              bad: fc.oneof(
                badDate({ optional: true }).map((b) => ({ ...b, value: { from: b.value } })),
                fc.constant({ value: { from: '2026-06-02', to: '2026-06-01' }, phase: 'resolve' as const }),
              ),
            },
          },
          whole: fc.constantFrom(5, 'x', true, []).map((value) => ({ value, phase: 'coerce' as const })),
        },
      },
      selection: '{ totalCount }',
      nullable: false,
    },
    {
      field: 'history',
      operation: 'query',
      caller: 'core.approver',
      types: { type: 'LedgerObjectType!', id: 'ID!' },
      args: {
        type: {
          valid: 'invoice',
          bad: badEnum(['invoice', 'voucher', 'shipment', 'financing', 'enterprise']),
        },
        id: id(),
      },
      selection: '{ transactionId }',
      nullable: false,
    },
    {
      field: 'transactionApplied',
      operation: 'query',
      caller: 'anonymous',
      types: { transactionId: 'String!', blockNumber: 'String!' },
      args: {
        transactionId: { valid: 'a'.repeat(64), bad: badText({ max: 1_000, pattern: /^[0-9a-f]{64}$/ }) },
        blockNumber: { valid: '1', bad: badText({ max: 1_000, pattern: /^\d{1,19}$/ }) },
      },
      selection: '',
      nullable: false,
    },
  ];
}

interface GraphQLAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  } | null;
}

async function post(url: string, token: string | undefined, body: string): Promise<GraphQLAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const raw = await response.text();
  try {
    return { status: response.status, body: JSON.parse(raw) as GraphQLAnswer['body'] };
  } catch {
    return { status: response.status, body: null };
  }
}

/** One operation with a `a<i>` alias per case; case i's arguments are the variables `$<arg><i>`. */
function operationOf(
  template: Template,
  cases: Case[],
): { query: string; variables: Record<string, unknown> } {
  const names = Object.keys(template.types);
  const declarations = cases.flatMap((_, i) =>
    names.map((arg) => `$${arg}${i}: ${template.types[arg] ?? ''}`),
  );
  const fields = cases.map((_, i) => {
    const args = names.map((arg) => `${arg}: $${arg}${i}`).join(', ');
    return `a${i}: ${template.field}(${args}) ${template.selection}`;
  });
  const variables = Object.fromEntries(
    cases.flatMap((c, i) => names.map((arg) => [`${arg}${i}`, c.variables[arg]])),
  );
  return { query: `${template.operation}(${declarations.join(', ')}) { ${fields.join(' ')} }`, variables };
}

/**
 * Hostile input against real node APIs, as a suite on a shared network whose node APIs allow far more
 * requests a minute than people ever send (thousands from a handful of users here).
 */
export function hostileInputSuite(network: () => NetworkContext): void {
  describe('hostile input against real node APIs', () => {
    let clients: Record<Exclude<Caller, 'anonymous'>, NodeClient>;
    let heightReader: LedgerConnection | undefined;
    let blocks: BlockLocator;
    const urlOf = (key: DemoKey): string => nodeUrl(findMember(network().topology, demoEnterprise(key).org));
    const download = async (client: NodeClient, key: DemoKey, sha256: string): Promise<number> => {
      const response = await fetch(`${urlOf(key)}/documents/${sha256}`, {
        headers: { authorization: `Bearer ${client.token ?? ''}` },
      });
      await response.body?.cancel();
      return response.status;
    };
    const upload = (client: NodeClient, name: string): Promise<string> =>
      client.upload(`${name}.txt`, 'text/plain', new TextEncoder().encode(`${name}\n`));

    beforeAll(async () => {
      const [key, role] = [(k: string) => k.split('.')[0] as DemoKey, (k: string) => k.split('.')[1]];
      const callers: Exclude<Caller, 'anonymous'>[] = [
        'tier1.clerk',
        'tier1.approver',
        'tier2.clerk',
        'core.approver',
        'bankA.approver',
        'bankA.admin',
        'carrier.clerk',
      ];
      const logins = await Promise.all(
        callers.map((caller) =>
          loginAs(network(), key(caller), role(caller) as 'clerk' | 'approver' | 'admin'),
        ),
      );
      clients = Object.fromEntries(callers.map((caller, i) => [caller, logins[i]])) as typeof clients;
      const reader = await enrollUser(network(), {
        org: 'supplier',
        name: 'height-reader',
        enterpriseId: 'ORG-ADMIN',
        role: 'admin',
      });
      const connection = connectMember(network(), reader);
      heightReader = connection;
      blocks = new BlockLocator(connection.gateway.getNetwork('scf'), 'scf');
    });

    afterAll(() => {
      heightReader?.close();
    });

    it("refuses a tier-2 SME's invoice citing tier-1's document, and never serves it the file", async () => {
      const tier1 = clients['tier1.clerk'];
      const tier2 = clients['tier2.clerk'];
      const theirs = await upload(tier1, 'tier-1 confidential price list');
      const before = await blocks.height();
      const input = {
        number: 'T2-PLANT-1',
        buyerId: demoEnterprise('tier1').id,
        amount: '5000000',
        issueDate: cstDate(-1),
        dueDate: cstDate(60),
        documentSha256: theirs,
      };
      await expect(
        tier2.request(
          'mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) { projection } }',
          {
            input,
          },
        ),
      ).rejects.toMatchObject({ code: 'DOCUMENT_NOT_OWNED' });
      expect(await blocks.height()).toBe(before);

      // Past the API, straight onto the ledger with tier 2's own identity: the ledger only sees a hash.
      const direct = await enrollUser(network(), {
        org: 'supplier',
        name: 'tier2-direct',
        enterpriseId: demoEnterprise('tier2').id,
        role: 'clerk',
      });
      const connection = connectMember(network(), direct);
      try {
        const planted = await scfLedger(connection.gateway, 'scf', 'scf').invoice.Register({
          ...input,
          documentHash: theirs,
        });
        const lookup = 'query($id: ID!) { invoice(id: $id) { id documentHash } }';
        await expect
          .poll(
            async () => (await tier2.request<{ invoice: unknown }>(lookup, { id: planted.value.id })).invoice,
            {
              timeout: 60_000,
              interval: 250,
            },
          )
          .toMatchObject({ documentHash: theirs });
      } finally {
        connection.close();
      }
      expect(await download(tier2, 'tier2', theirs)).toBe(404);
      const described = await tier2.request<{ document: unknown }>(
        'query($h: String!) { document(sha256: $h) { sha256 } }',
        { h: theirs },
      );
      expect(described.document).toBeNull();
      expect(await download(tier1, 'tier1', theirs)).toBe(200);
      expect(await download(clients['tier1.approver'], 'tier1', theirs)).toBe(200);
    });

    it(`answers ${CASES.toLocaleString('en')} generated bad inputs with typed errors and writes nothing`, async () => {
      const documents = {
        tier1: await upload(clients['tier1.clerk'], 'fuzz invoice'),
        carrier: await upload(clients['carrier.clerk'], 'fuzz waybill'),
      };
      const all = templates(documents);
      const cases = fc.sample(fc.oneof(...all.map(casesOf)), { numRuns: CASES, seed: SEED });
      const before = await blocks.height();
      /** Failures by field and broken argument: how many, and the first few. */
      const failures = new Map<string, { count: number; examples: string[] }>();
      const fail = (c: Case | undefined, why: string): void => {
        const key = c ? `${c.template.field}(${c.what})` : 'request';
        const entry = failures.get(key) ?? { count: 0, examples: [] };
        entry.count += 1;
        if (entry.examples.length < 3) {
          entry.examples.push(`${c ? JSON.stringify(c.variables).slice(0, 160) : ''} → ${why.slice(0, 240)}`);
        }
        failures.set(key, entry);
      };
      const endpointOf = (template: Template): { url: string; token: string | undefined } => {
        if (template.caller === 'anonymous') return { url: urlOf('tier1'), token: undefined };
        const client = clients[template.caller];
        return { url: urlOf(template.caller.split('.')[0] as DemoKey), token: client.token };
      };
      /** Checks every error of an answer; returns the errors, or null when the answer itself is wrong. */
      const typedErrors = (
        answer: GraphQLAnswer,
        c: Case | undefined,
      ): NonNullable<NonNullable<GraphQLAnswer['body']>['errors']> | null => {
        if (answer.status >= 500) return (fail(c, `HTTP ${answer.status}`), null);
        const errors = answer.body?.errors ?? [];
        for (const error of errors) {
          const code = error.extensions?.code ?? '';
          if (!TYPED.has(code) || error.message === 'Unexpected error.') {
            fail(c, `untyped or masked: ${code} ${error.message.slice(0, 160)}`);
            return null;
          }
        }
        return errors;
      };

      async function run(template: Template, batch: Case[]): Promise<void> {
        const { url, token } = endpointOf(template);
        const answer = await post(url, token, JSON.stringify(operationOf(template, batch)));
        const errors = typedErrors(answer, batch.length === 1 ? batch[0] : undefined);
        if (!errors) return;
        const alone: Case[] = [];
        batch.forEach((c, i) => {
          const mine = errors.filter(
            (error) =>
              error.path?.[0] === `a${i}` ||
              Object.keys(template.types).some((arg) => error.message.includes(`"$${arg}${i}"`)),
          );
          const data = answer.body?.data?.[`a${i}`];
          if (mine.length > 0 && (data === undefined || data === null)) return;
          if (batch.length > 1) alone.push(c);
          else fail(c, `not refused: ${JSON.stringify(answer.body).slice(0, 200)}`);
        });
        // A case whose refusal a neighbour's hid (a request refused as a whole) is asked again alone.
        for (const c of alone) await run(template, [c]);
      }

      const jobs: (() => Promise<void>)[] = [];
      for (const template of all) {
        const mine = cases.filter((c) => c.template === template);
        const batched = mine.filter((c) => c.phase === 'coerce' || template.nullable);
        const single = mine.filter((c) => !(c.phase === 'coerce' || template.nullable));
        for (let i = 0; i < batched.length; i += BATCH) {
          const batch = batched.slice(i, i + BATCH);
          jobs.push(() => run(template, batch));
        }
        for (const c of single) jobs.push(() => run(template, [c]));
      }
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) await job();
      });
      await Promise.all(workers);

      // Money and dates at the edges the node lets through and the chaincode refuses: with the clerk's own
      // document, so that nothing but the edge can stop them on the ledger.
      const register = all.find((template) => template.field === 'registerInvoice');
      if (!register) throw new Error('no registerInvoice template');
      const edges: Record<string, unknown>[] = [
        { amount: '0' },
        { amount: '10000000000000001' },
        { amount: '999999999999999999' },
        { issueDate: '1999-12-31' },
        { issueDate: cstDate(30), dueDate: cstDate(90) },
        { dueDate: cstDate(-1) },
        { dueDate: cstDate(-2) },
        { dueDate: '2200-01-01' },
      ];
      for (const [index, edge] of edges.entries()) {
        const input = validOf(register.args.input ?? { valid: null, bad: notAnObject }) as Record<
          string,
          unknown
        >;
        const variables = { input: { ...input, number: `FUZZ-EDGE-${String(index)}`, ...edge } };
        await run(register, [
          { template: register, variables, phase: 'resolve', what: JSON.stringify(edge) },
        ]);
      }

      // Whole requests that are no GraphQL request at all.
      const raw = [
        'not json',
        '{"query": 5}',
        '{"query": "{ invoice(id: \\"x\\") { id }", "variables": "x"}',
        '[{"query": "{ me { id } }"}]',
        '{"query": "mutation {"}',
        '{"query": "{ invoice(id: \\"\u0001\\") { id } }"}',
        '{"query": "{ nope }"}',
        '{}',
        `{"query": "${'{ me { id } }'.repeat(400)}"}`,
        `{"query": "{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ')} }"}`,
      ];
      for (const body of raw) {
        const answer = await post(urlOf('tier1'), clients['tier1.clerk'].token, body);
        const errors = typedErrors(answer, undefined);
        if (errors && errors.length === 0) fail(undefined, `${body.slice(0, 60)}: no error`);
      }

      expect(Object.fromEntries(failures)).toEqual({});
      expect(cases.length + edges.length + raw.length).toBeGreaterThanOrEqual(CASES);
      // Nothing reached the ledger: give any stray commit time to show, then count the blocks.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await blocks.height()).toBe(before);
      // Ten thousand requests: about a minute on a quiet 2-core machine, several on a loaded one.
    }, 600_000);
  });
}
