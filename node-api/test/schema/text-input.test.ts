import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { TEXT_RULES } from '@scf/ledger-contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseKind, Role, SessionUser } from '../../src/auth/session-user.ts';
import { buildSchema } from '../../src/schema/index.ts';
import { startApiHarness, type ApiHarness, type GraphQLResult } from '../support/api-harness.ts';
import { recordingLedger, type Submission } from '../support/recording-ledger.ts';

const KINDS: EnterpriseKind[] = ['SUPPLIER', 'CORE', 'BANK', 'LOGISTICS', 'AUDITOR'];
const ROLES: Role[] = ['admin', 'approver', 'clerk'];
/** One user of every kind and role: for each field, the first one its scopes let in is used. */
const USERS: SessionUser[] = KINDS.flatMap((kind) =>
  ROLES.map((role) => ({
    id: `user-${kind}-${role}`,
    username: `${kind}.${role}`.toLowerCase(),
    displayName: `${kind} ${role}`,
    role,
    enterpriseId: `E-${kind}`,
    enterpriseKind: kind,
  })),
);
const AS = (kind: EnterpriseKind, role: Role = 'approver'): SessionUser =>
  USERS.find((user) => user.enterpriseKind === kind && user.role === role) ?? (USERS[0] as SessionUser);

/** Values that pass every other check of their field, so a refusal can only be for the bad text. */
const VALID_TEXT: Record<string, string> = {
  documentSha256: 'a'.repeat(64),
  sha256: 'a'.repeat(64),
  transactionId: 'b'.repeat(64),
  blockNumber: '1',
  id: '91320500MA1N2J3Q4K',
};
const SCALARS: Record<string, unknown> = {
  Int: 1,
  Float: 1,
  Boolean: false,
  Fen: '1',
  Date: '2026-03-01',
  DateTime: '2026-03-01T00:00:00.000Z',
};

/** A text value somewhere in a field's arguments: the path to it, and the arguments with it set. */
interface TextSlot {
  path: string;
  args: Record<string, unknown>;
}

function sample(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return [sample(type.ofType, name)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type, field.name)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.name;
  const scalar = getNamedType(type).name;
  if (scalar === 'String' || scalar === 'ID') return VALID_TEXT[name] ?? 'x1';
  return SCALARS[scalar];
}

/** Every String or ID position of an argument (in input objects and lists too), with `bad` put there. */
function textSlots(arg: GraphQLArgument | GraphQLInputField, bad: string, path = arg.name): TextSlot[] {
  const slots: TextSlot[] = [];
  const walk = (type: GraphQLInputType, at: string, put: (value: unknown) => unknown): void => {
    if (isNonNullType(type)) {
      walk(type.ofType, at, put);
    } else if (isListType(type)) {
      walk(type.ofType, `${at}.0`, (value) => put([value]));
    } else if (isInputObjectType(type)) {
      const base = sample(type, '') as Record<string, unknown>;
      for (const field of Object.values(type.getFields())) {
        walk(field.type, `${at}.${field.name}`, (value) => put({ ...base, [field.name]: value }));
      }
    } else if (isLeafType(type) && ['String', 'ID'].includes(type.name)) {
      slots.push({ path: at, args: { [arg.name]: put(bad) } });
    }
  };
  walk(arg.type, path, (value) => value);
  return slots;
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
}

describe('text arguments: one rule for every String and ID the API takes', () => {
  let harness: ApiHarness;
  let submissions: Submission[];
  let ownedDocument: string;
  beforeAll(async () => {
    const recording = recordingLedger();
    submissions = recording.submissions;
    harness = await startApiHarness({ ledgerAs: recording.ledgerAs });
    const document = await harness.services.documents.put(new TextEncoder().encode('invoice INV-1'), {
      fileName: 'inv.txt',
      contentType: 'text/plain',
      uploadedBy: AS('SUPPLIER', 'clerk').id,
      enterpriseId: AS('SUPPLIER', 'clerk').enterpriseId,
    });
    ownedDocument = document.sha256;
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    submissions.length = 0;
  });

  const codeOf = (result: GraphQLResult): string | undefined => result.errors?.[0]?.extensions?.code;
  const reject = (id: string, reason: string) =>
    harness.graphql(
      'mutation($id: ID!, $r: String!) { rejectInvoice(id: $id, reason: $r) { projection } }',
      {
        id,
        r: reason,
      },
      AS('CORE'),
    );
  const register = (fields: Record<string, unknown>) =>
    harness.graphql(
      'mutation($input: RegisterInvoiceInput!) { registerInvoice(input: $input) { projection } }',
      {
        input: {
          number: 'INV-1',
          buyerId: 'E-CORE',
          amount: '100',
          issueDate: '2026-03-01',
          dueDate: '2026-06-01',
          documentSha256: ownedDocument,
          ...fields,
        },
      },
      AS('SUPPLIER', 'clerk'),
    );

  it('refuses a NUL in every String and ID argument of every query and mutation', async () => {
    const schema = buildSchema();
    const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ];
    const missed: string[] = [];
    let checked = 0;
    for (const [kind, root] of roots) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const defaults = Object.fromEntries(field.args.map((arg) => [arg.name, sample(arg.type, arg.name)]));
        for (const arg of field.args) {
          for (const slot of textSlots(arg, 'bad\u0000text')) {
            const before = submissions.length;
            let result: GraphQLResult | undefined;
            for (const user of USERS) {
              result = await harness.graphql(operation(kind, field), { ...defaults, ...slot.args }, user);
              if (!['FORBIDDEN', 'UNAUTHENTICATED'].includes(codeOf(result) ?? '')) break;
            }
            checked += 1;
            const message = result?.errors?.[0]?.message ?? '';
            const refused = codeOf(result ?? {}) === 'INVALID_ARGUMENT' && message.includes(slot.path);
            if (!refused || submissions.length !== before) {
              missed.push(`${field.name}(${slot.path}): ${JSON.stringify(result?.errors ?? result?.data)}`);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(missed).toEqual([]);
  });

  it('refuses control characters, DEL and C1, and lone surrogates', async () => {
    for (const number of [
      'A\u0000',
      'A\u0007B',
      'A\nB',
      'A\tB',
      'A\rB',
      'A\u007f',
      'A\u0085',
      'A\u009f',
      'A\ud800',
      'A\udc00B',
    ]) {
      const result = await register({ number });
      expect(codeOf(result), JSON.stringify(number)).toBe('INVALID_ARGUMENT');
    }
    for (const reason of ['no\u0000', 'bell\u0007', 'cr\r\n', 'del\u007f', 'nel\u0085', 'half\ud83d']) {
      expect(codeOf(await reject('INV-1', reason)), JSON.stringify(reason)).toBe('INVALID_ARGUMENT');
    }
    expect(submissions).toEqual([]);
  });

  it('lets line breaks and tabs into reasons only, and keeps other Unicode', async () => {
    expect((await reject('INV-1', 'line one\nline two\tend')).errors).toBeUndefined();
    // Invoice and waybill numbers keep the ledger's format (letters, digits and -_/); free text keeps any.
    expect((await register({ purchaseOrderNumber: 'INV\u00a0😀-发票' })).errors).toBeUndefined();
    expect(submissions.map((s) => s.args)).toEqual([
      ['INV-1', 'line one\nline two\tend'],
      expect.arrayContaining(['INV\u00a0😀-发票']),
    ]);
    submissions.length = 0;
    expect(codeOf(await register({ number: 'INV\u00a0😀-发票' }))).toBe('INVALID_ARGUMENT');
    expect(submissions).toEqual([]);
  });

  it('normalises to NFC before it checks the length and passes the normalised text on', async () => {
    const decomposed = 'e\u0301'.repeat(64); // 128 code units, 64 characters once composed
    expect((await register({ purchaseOrderNumber: decomposed })).errors).toBeUndefined();
    expect((await reject('INV-1', 'Cafe\u0301')).errors).toBeUndefined();
    // Lengths count characters (code points), as the ledger does: 64 astral characters are 128 code units.
    expect((await register({ purchaseOrderNumber: '😀'.repeat(64) })).errors).toBeUndefined();
    expect(submissions.map((s) => s.args)).toEqual([
      expect.arrayContaining(['\u00e9'.repeat(64)]),
      ['INV-1', 'Caf\u00e9'],
      expect.arrayContaining(['😀'.repeat(64)]),
    ]);
    submissions.length = 0;
    expect(codeOf(await register({ purchaseOrderNumber: '\u00e9'.repeat(65) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await register({ purchaseOrderNumber: '😀'.repeat(65) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await register({ number: 'N'.repeat(65) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await reject('INV-1', 'r'.repeat(501)))).toBe('INVALID_ARGUMENT');
    expect(submissions).toEqual([]);
  });

  it('refuses blank required text', async () => {
    expect(codeOf(await register({ number: '   ' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await register({ number: '' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await reject('INV-1', ' \n\t '))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await reject(' ', 'reason'))).toBe('INVALID_ARGUMENT');
    expect(submissions).toEqual([]);
  });

  it('types the refusal of a variable of the wrong type too', async () => {
    const wrong: Record<string, unknown>[] = [
      { number: 5 },
      { number: null },
      { number: ['INV-1'] },
      { amount: 15 },
      { extra: 'field' },
    ];
    for (const fields of wrong) {
      const result = await register(fields);
      expect(
        result.errors?.map((e) => e.extensions?.code),
        JSON.stringify(fields),
      ).toEqual(['INVALID_ARGUMENT']);
    }
    const missing = await harness.graphql(
      'mutation($id: ID!) { cancelInvoice(id: $id) { projection } }',
      {},
      AS('SUPPLIER', 'clerk'),
    );
    expect(codeOf(missing)).toBe('INVALID_ARGUMENT');
    expect(submissions).toEqual([]);
  });

  it('checks ids, logins and search text the same way', async () => {
    const login = await harness.graphql(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 'alice\u0000', p: 'a long enough password' },
    );
    expect(codeOf(login)).toBe('INVALID_ARGUMENT');
    const lookup = await harness.graphql(
      'query($id: ID!) { invoice(id: $id) { id } }',
      { id: 'x\ud800' },
      AS('CORE'),
    );
    expect(codeOf(lookup)).toBe('INVALID_ARGUMENT');
    const search = await harness.graphql(
      'query($s: String) { invoices(first: 1, filter: { search: $s }) { totalCount } }',
      { s: 'x\u0085' },
      AS('CORE'),
    );
    expect(codeOf(search)).toBe('INVALID_ARGUMENT');
    const createUser = await harness.graphql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          username: 'bob',
          password: 'a long enough password',
          displayName: 'Bob\u0007',
          role: 'CLERK',
          enterpriseId: 'E-SUPPLIER',
        },
      },
      AS('SUPPLIER', 'admin'),
    );
    expect(codeOf(createUser)).toBe('INVALID_ARGUMENT');
    // An ID no TEXT rule names takes at most the ledger's bound for object ids.
    const longest = TEXT_RULES.id.max;
    const cancel = (id: string) =>
      harness.graphql(
        'mutation($id: ID!) { cancelInvoice(id: $id) { projection } }',
        { id },
        AS('SUPPLIER', 'clerk'),
      );
    expect(codeOf(await cancel('x'.repeat(longest + 1)))).toBe('INVALID_ARGUMENT');
    expect((await cancel('x'.repeat(longest))).errors).toBeUndefined();
    expect(submissions.map((s) => s.args)).toEqual([['x'.repeat(longest)]]);
    // Optional text left out, or a blank search, is still fine.
    const blankSearch = await harness.graphql(
      'query($s: String) { invoices(first: 1, filter: { search: $s }) { totalCount } }',
      { s: '' },
      AS('CORE'),
    );
    expect(blankSearch.errors).toBeUndefined();
  });
});
