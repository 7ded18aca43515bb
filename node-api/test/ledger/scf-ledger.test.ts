import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Transactions,
  type Invoice,
  type LedgerRecord,
  type Namespace,
  type Page,
  type SweepResult,
  type TransactionSpec,
} from '@scf/ledger-contract';
import { ledgerClient, type Committed } from '../../src/ledger/scf-ledger.ts';
import { fakeContracts, type ContractCall } from '../support/fake-contract.ts';

type AnySpec = TransactionSpec<object, unknown, object>;
type AnyCall = (args?: object, options?: object) => Promise<unknown>;

const namespaces = Object.entries(Transactions) as [Namespace, Record<string, AnySpec>][];
const everyTransaction = namespaces.flatMap(([namespace, specs]) =>
  Object.entries(specs).map(([name, spec]) => ({ namespace, name, spec })),
);

/** The answer of every fake call: which call it answers, so a test can tell answers apart. */
const answerOf = (call: ContractCall): unknown => ({ answered: call.call });

function client(): { calls: ContractCall[]; call: (namespace: string, name: string) => AnyCall } {
  const { contractOf, calls } = fakeContracts(answerOf);
  const ledger = ledgerClient(contractOf) as unknown as Record<string, Record<string, AnyCall>>;
  const call = (namespace: string, name: string): AnyCall => {
    const method = ledger[namespace]?.[name];
    if (!method) throw new Error(`no method ${namespace}.${name}`);
    return method;
  };
  return { calls, call };
}

describe('the ledger client made from the transaction table', () => {
  it('has one method per transaction of the table, and no other', () => {
    const ledger = ledgerClient(fakeContracts(answerOf).contractOf);
    const methods = Object.entries(ledger).flatMap(([namespace, calls]) =>
      Object.keys(calls as object).map((name) => `${namespace}.${name}`),
    );
    expect(methods.sort()).toEqual(
      everyTransaction.map(({ namespace, name }) => `${namespace}.${name}`).sort(),
    );
  });

  it.each(everyTransaction)(
    'sends $namespace.$name its arguments in table order, through submit if it writes, else evaluate',
    async ({ namespace, name, spec }) => {
      const { calls, call } = client();
      const keys = Object.keys(spec.args);
      // Distinct text per argument, so that an argument in the wrong place shows.
      const args = Object.fromEntries(keys.map((key, index) => [key, `${key}-${String(index)}`]));
      const codecs = spec.args as Record<string, { encode: (value: unknown) => string }>;
      const transient = Object.fromEntries(Object.keys(spec.transient).map((key) => [key, { of: key }]));
      const options = spec.writes ? { transient, endorsingOrganizations: ['AMSP', 'BMSP'] } : undefined;

      const result = await call(namespace, name)(args, options);

      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        call: `${namespace}.${spec.name}`,
        via: spec.writes ? 'submit' : 'evaluate',
        args: keys.map((key) => codecs[key]?.encode(args[key])),
      });
      expect(calls[0]?.args).toHaveLength(keys.length);
      if (spec.writes) {
        expect(calls[0]?.transient).toEqual(
          Object.fromEntries(Object.keys(transient).map((key) => [key, JSON.stringify({ of: key })])),
        );
        expect(calls[0]?.endorsingOrganizations).toEqual(['AMSP', 'BMSP']);
        expect(result).toEqual({
          value: { answered: `${namespace}.${spec.name}` },
          transactionId: '1'.padStart(64, '0'),
          blockNumber: 1n,
        });
      } else {
        expect(result).toEqual({ answered: `${namespace}.${spec.name}` });
      }
    },
  );

  it('encodes each kind of argument as the chaincode reads it', async () => {
    const { calls, call } = client();
    await call(
      'invoice',
      'Register',
    )({
      number: 'INV-1',
      buyerId: 'B',
      amount: '100',
      issueDate: '2026-01-01',
      dueDate: '2026-03-01',
      documentHash: 'h',
    });
    await call('invoice', 'Confirm')({ invoiceId: 'I', waiveDelivery: true, lateInterestBps: 600 });
    await call('rate', 'Publish')({ tenor: '1Y', rateBps: 310, effectiveDate: '2026-01-01' });
    const pieces = [{ amount: '1' }, { amount: '2', toEnterpriseId: 'E', invoiceId: 'I' }];
    await call('voucher', 'SplitTransfer')({ voucherId: 'V', piecesJson: pieces });
    await call('charter', 'Get')();
    expect(calls.map(({ call: name, args }) => [name, args])).toEqual([
      ['invoice.Register', ['INV-1', 'B', '100', '2026-01-01', '2026-03-01', 'h', '']],
      ['invoice.Confirm', ['I', 'true', '600']],
      ['rate.Publish', ['1Y', '310', '2026-01-01']],
      ['voucher.SplitTransfer', ['V', JSON.stringify(pieces)]],
      ['charter.Get', []],
    ]);
  });

  it('passes an offer’s terms as transient data only, to the orgs it names', async () => {
    const { calls, call } = client();
    const terms = {
      advanceRateBps: 9000,
      spreadBps: 50,
      fees: '0',
      validUntil: '2026-01-05',
      recourse: false,
      salt: 'ab'.repeat(16),
    };
    await call('financing', 'Offer')(
      { financingId: 'F' },
      { transient: { terms }, endorsingOrganizations: ['BankAMSP', 'SupplierMSP'] },
    );
    await call('financing', 'Accept')({ financingId: 'F' });
    expect(calls).toEqual([
      {
        call: 'financing.Offer',
        via: 'submit',
        args: ['F'],
        transient: { terms: JSON.stringify(terms) },
        endorsingOrganizations: ['BankAMSP', 'SupplierMSP'],
      },
      {
        call: 'financing.Accept',
        via: 'submit',
        args: ['F'],
        transient: {},
        endorsingOrganizations: undefined,
      },
    ]);
  });

  it('types a write as resolving to its commit and a read to its value, as the table marks them', () => {
    type Client = ReturnType<typeof ledgerClient>;
    expectTypeOf<ReturnType<Client['invoice']['Register']>>().toEqualTypeOf<Promise<Committed<Invoice>>>();
    expectTypeOf<ReturnType<Client['invoice']['Get']>>().toEqualTypeOf<Promise<Invoice>>();
    expectTypeOf<ReturnType<Client['ledger']['ListAll']>>().toEqualTypeOf<Promise<Page<LedgerRecord>>>();
    expectTypeOf<ReturnType<Client['settlement']['SweepOverdue']>>().toEqualTypeOf<
      Promise<Committed<SweepResult>>
    >();
    for (const [, specs] of namespaces) {
      for (const spec of Object.values(specs)) expect(typeof spec.writes).toBe('boolean');
    }
  });
});
