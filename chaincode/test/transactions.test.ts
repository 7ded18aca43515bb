import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from 'fabric-contract-api';
import { describe, expect, it } from 'vitest';
import { type Namespace, Transactions } from '@scf/ledger-contract';
import { TERMS_TRANSIENT_KEY } from '../src/contracts/offer-terms-input';
import { TestContract } from '../src/contracts/test-contract';
import { STAGES_TRANSIENT_KEY, WRITE_OFF_TRANSIENT_KEY } from '../src/contracts/write-off-contract';
import { contracts } from '../src/index';

/** One transaction as fabric-contract-api records it from the `@Transaction` decorator. */
interface TransactionMetadata {
  name: string;
  tag: string[];
  parameters: { name: string }[];
}

/** What this test reads of a spec in the ledger contract's table. */
interface Spec {
  name: string;
  writes: boolean;
  args: object;
  transient: object;
}

/** The table's specs of one namespace, by key. */
const specsOf = (namespace: Namespace): Record<string, Spec> => Transactions[namespace];
const namespaces = Object.keys(Transactions) as Namespace[];

/** One transaction's name, kind and parameter names, as served or as declared. */
interface Declared {
  name: string;
  writes: boolean;
  params: string[];
}

/** Every contract the chaincode can serve (the test contract only with SCF_CHAINCODE_TEST_CONTRACTS=1). */
const served = [...new Set([...contracts, TestContract])].map((Served) => new Served() as Contract);

function implemented(contract: Contract): Declared[] {
  const prototype = Object.getPrototypeOf(contract) as object;
  const metadata = (Reflect.getMetadata('fabric:transactions', prototype) ?? []) as TransactionMetadata[];
  return metadata
    .map(({ name, tag, parameters }) => ({
      name,
      writes: tag.includes('SUBMIT'),
      params: parameters.map((parameter) => parameter.name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function declared(namespace: Namespace): Declared[] {
  return Object.values(specsOf(namespace))
    .map((spec) => ({ name: spec.name, writes: spec.writes, params: Object.keys(spec.args) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('the transaction table of @scf/ledger-contract', () => {
  it('names exactly the namespaces the chaincode serves', () => {
    expect(served.map((contract) => contract.getName()).sort()).toEqual([...namespaces].sort());
  });

  it.each(served.map((contract) => [contract.getName(), contract] as const))(
    '%s: same transactions, reads and writes, parameters in the same order',
    (namespace, contract) => {
      expect(namespace in Transactions).toBe(true);
      expect(implemented(contract)).toEqual(declared(namespace as Namespace));
    },
  );

  it('keys each spec by its transaction name', () => {
    for (const namespace of namespaces) {
      for (const [key, spec] of Object.entries(specsOf(namespace))) {
        expect(`${namespace}:${key}`).toBe(`${namespace}:${spec.name}`);
      }
    }
  });

  it('sends private inputs under the transient keys the chaincode reads, and only those', () => {
    expect(Object.keys(Transactions.financing.Offer.transient)).toEqual([TERMS_TRANSIENT_KEY]);
    expect(Object.keys(Transactions.approval.Prepare.transient)).toEqual([TERMS_TRANSIENT_KEY]);
    expect(Object.keys(Transactions.approval.Approve.transient)).toEqual([TERMS_TRANSIENT_KEY]);
    expect(Object.keys(Transactions.writeoff.SetStages.transient)).toEqual([STAGES_TRANSIENT_KEY]);
    expect(Object.keys(Transactions.writeoff.Record.transient)).toEqual([WRITE_OFF_TRANSIENT_KEY]);
    expect(Object.keys(Transactions.recourse.Demand.transient)).toEqual([TERMS_TRANSIENT_KEY]);
    const withTransient: Spec[] = [
      Transactions.financing.Offer,
      Transactions.approval.Prepare,
      Transactions.approval.Approve,
      Transactions.recourse.Demand,
      Transactions.writeoff.SetStages,
      Transactions.writeoff.Record,
    ];
    const others = namespaces.flatMap((namespace) =>
      Object.values(specsOf(namespace)).filter((spec) => !withTransient.includes(spec)),
    );
    for (const spec of others) expect(spec.transient).toEqual({});
  });

  it('keeps the parameter names in the bundle: no module-level name of the bundled package equals one', () => {
    // esbuild hoists the package's module-level names to the top of dist/index.js and renames any
    // parameter that would shadow one (`text` became `text2`), and fabric-contract-api reads
    // parameter names from the function source.
    const source = join(__dirname, '../../packages/ledger-contract/src');
    const files = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    const declaration = /^(?:export )?(?:const|let|var|function|async function|class) (\w+)/gm;
    const moduleNames = new Set(
      files.flatMap((file) =>
        [...readFileSync(join(source, file), 'utf8').matchAll(declaration)].map((m) => m[1]),
      ),
    );
    expect(moduleNames).toContain('Transactions');
    const parameters = new Set(
      served.flatMap((contract) => implemented(contract).flatMap((tx) => tx.params)),
    );
    expect([...parameters].filter((name) => moduleNames.has(name))).toEqual([]);
  });
});
