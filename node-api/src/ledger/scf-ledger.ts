import { randomBytes } from 'node:crypto';
import type { Contract, Gateway, Signer } from '@hyperledger/fabric-gateway';
import {
  encodeArgs,
  encodeTransient,
  Transactions,
  type ArgsOf,
  type Namespace,
  type ResultOf,
  type TransactionSpec,
  type TransientOf,
} from '@scf/ledger-contract';
import { waitForBlock } from './block-wait.ts';
import { evaluate, submit, type Seal, type SubmitHooks } from './submit.ts';

/** A committed write: what the chaincode returned, and where it sits in the ledger. */
export interface Committed<T> {
  value: T;
  transactionId: string;
  blockNumber: bigint;
}

/** What a caller keeping a record of its writes adds to every write of a client (see `ScfLedger.tracked`). */
export interface WriteTracking {
  hooks?: SubmitHooks;
  /** How long a write waits for its commit before it ends in OutcomeUnknown. */
  commitWaitMs?: number;
  /** Signs each write before its submit, so that `hooks.ordering` gets the envelope to keep. */
  seal?: Seal;
}

/** How a write is endorsed. */
export interface WriteOptions {
  /** Endorse on exactly these orgs (needed when transient data must reach only the orgs entitled to it). */
  endorsingOrganizations?: string[];
}

/**
 * Bytes of secret salt in every offer's private terms (128 bits): the terms are otherwise built from
 * a few public or round values, so without it their public hash could be brute-forced.
 */
export const OFFER_SALT_BYTES = 16;

/** A fresh salt for one offer, as the chaincode expects it (lower-case hex). */
export function offerSalt(): string {
  return randomBytes(OFFER_SALT_BYTES).toString('hex');
}

type Table = typeof Transactions;

/** Whether a spec writes: the table types `writes` as a literal. */
type Writes<S> = S extends { readonly writes: true } ? true : false;

/** Whether a record type has no named members (`Record<string, never>` or `{}`). */
type IsEmpty<T> = string extends keyof T ? true : keyof T extends never ? true : false;

/** Arguments by name; one that may be absent (the chaincode reads '' as none) may be left out. */
type Named<A> = { [K in keyof A as undefined extends A[K] ? never : K]: A[K] } & {
  [K in keyof A as undefined extends A[K] ? K : never]?: A[K];
};

type ArgsParams<S> =
  IsEmpty<ArgsOf<S>> extends true ? [args?: Record<string, never>] : [args: Named<ArgsOf<S>>];

/** A write with transient inputs must be given them (`options.transient`), encoded by the table. */
type WriteParams<S> =
  IsEmpty<TransientOf<S>> extends true
    ? [options?: WriteOptions]
    : [options: WriteOptions & { transient: TransientOf<S> }];

/** One transaction as a method: a write resolves once committed, a read to its value. */
export type LedgerCall<S> =
  Writes<S> extends true
    ? (...params: [...ArgsParams<S>, ...WriteParams<S>]) => Promise<Committed<ResultOf<S>>>
    : (...params: ArgsParams<S>) => Promise<ResultOf<S>>;

/** Every transaction of the table, as `client.<namespace>.<TxName>(args, options?)`. */
export type LedgerClient = {
  readonly [N in Namespace]: { readonly [K in keyof Table[N]]: LedgerCall<Table[N][K]> };
};

type AnySpec = TransactionSpec<object, unknown, object>;
type AnyCall = (args?: object, options?: WriteOptions & { transient?: object }) => Promise<unknown>;

const decoder = new TextDecoder();
const parse = (bytes: Uint8Array): unknown => JSON.parse(decoder.decode(bytes));

/** The method of one spec: its arguments encoded in table order, submitted if it writes, else evaluated. */
function method(contract: Contract, spec: AnySpec, tracking: WriteTracking): AnyCall {
  if (!spec.writes) {
    return async (args = {}) => parse(await evaluate(contract, spec.name, encodeArgs(spec, args)));
  }
  const hasTransient = Object.keys(spec.transient).length > 0;
  return async (args = {}, options = {}) => {
    const { transient, endorsingOrganizations } = options;
    const encoded = hasTransient ? encodeTransient(spec, transient ?? {}) : {};
    const submitted = await submit(contract, spec.name, encodeArgs(spec, args), {
      ...tracking,
      // No transient map at all when nothing private is sent (the gateway plans endorsement by it).
      ...(Object.keys(encoded).length > 0 ? { transient: encoded } : {}),
      ...(endorsingOrganizations ? { endorsingOrganizations } : {}),
    });
    return {
      value: parse(submitted.result),
      transactionId: submitted.transactionId,
      blockNumber: submitted.blockNumber,
    };
  };
}

/**
 * The typed client of every transaction in the table, each namespace on its own contract: made by
 * walking the table, so a transaction added there is callable here with no code of its own.
 */
export function ledgerClient(
  contractOf: (namespace: Namespace) => Contract,
  tracking: WriteTracking = {},
): LedgerClient {
  const namespaces = Object.entries(Transactions).map(([namespace, specs]) => {
    const contract = contractOf(namespace as Namespace);
    const calls = Object.entries(specs as Record<string, AnySpec>).map(
      ([name, spec]) => [name, method(contract, spec, tracking)] as const,
    );
    return [namespace, Object.fromEntries(calls)] as const;
  });
  return Object.fromEntries(namespaces) as unknown as LedgerClient;
}

/** Typed client of the supply-chain finance chaincode, acting with one user's identity. */
export type ScfLedger = LedgerClient & {
  /**
   * Waits until this user's own peer has committed block `blockNumber`. Each org reads from its own
   * peer, which may lag the peer that confirmed another org's commit; act on what your peer shows.
   */
  waitForBlock(blockNumber: bigint, timeoutMs?: number): Promise<void>;
  /**
   * The same client (same identity and connection), its writes reporting to `tracking`; given the
   * identity's signer, each write is signed before its submit and `hooks.ordering` gets its envelope.
   */
  tracked(tracking: WriteTracking): LedgerClient;
};

/** Signs a transaction with `sign` (the gateway's own identity) the way its submit would. */
function sealWith(gateway: Gateway, sign: Signer): Seal {
  return async (transaction) =>
    gateway.newSignedTransaction(transaction.getBytes(), await sign(transaction.getDigest()));
}

/**
 * The chaincode's client over one gateway connection (one user's identity); `sign` is that identity's
 * signer, for writes whose signed envelope is kept (`tracked`).
 */
export function scfLedger(gateway: Gateway, channel: string, chaincode: string, sign?: Signer): ScfLedger {
  const network = gateway.getNetwork(channel);
  const contractOf = (namespace: Namespace): Contract => network.getContract(chaincode, namespace);
  const seal = sign ? sealWith(gateway, sign) : undefined;
  return {
    ...ledgerClient(contractOf),
    waitForBlock: (blockNumber, timeoutMs = 30_000) => waitForBlock(gateway, channel, blockNumber, timeoutMs),
    tracked: (tracking) => ledgerClient(contractOf, seal ? { seal, ...tracking } : tracking),
  };
}
