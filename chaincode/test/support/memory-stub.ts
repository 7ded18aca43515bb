import type { Context, Contract } from 'fabric-contract-api';
import { CLIENT_OU_CERT } from './certificates';

/**
 * The caller a test transaction runs as: its MSP, certificate id, scf.* attributes and certificate
 * (PEM; a client certificate, OU=client, unless given).
 */
export interface TestCaller {
  mspId: string;
  id?: string;
  attrs?: Record<string, string>;
  certificate?: string;
}

export interface EmittedEvent {
  name: string;
  payload: string;
  txId: string;
}

/** `peerMsp` is the org of the peer that runs the transaction (default: the caller's). */
export interface TxOptions {
  transient?: Record<string, string>;
  peerMsp?: string;
  /** The invocation's arguments as the peer passes them: `namespace:Transaction` first. */
  args?: string[];
}

/** The id the MemoryLedger gives its `n`th transaction (counting from 1). */
export function txIdOf(n: number): string {
  return `tx${String(n).padStart(6, '0')}`;
}

/** A contract whose transactions `invoke` can call by name. */
type Invocable = Contract & Record<string, unknown>;

interface HistoryEntry {
  txId: string;
  timestamp: { seconds: bigint; nanos: number };
  isDelete: boolean;
  value: Uint8Array;
}

const SEP = '\u0000';
const MAX_UNICODE = '\u{10FFFF}';
const encoder = new TextEncoder();

/** Fabric's composite key layout: NUL, type, NUL, each attribute followed by NUL. */
function compositeKey(type: string, attributes: string[]): string {
  return `${SEP}${type}${SEP}${attributes.map((part) => `${part}${SEP}`).join('')}`;
}

function splitKey(key: string): { objectType: string; attributes: string[] } {
  const parts = key.split(SEP).slice(1, -1);
  return { objectType: parts[0] ?? '', attributes: parts.slice(1) };
}

function iteratorOf<T>(items: T[]): {
  next: () => Promise<{ done: boolean; value: T }>;
  close: () => Promise<void>;
} {
  let index = 0;
  return {
    next: () => {
      const value = items[index] as T;
      index += 1;
      return Promise.resolve({ done: index > items.length, value });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * An in-memory ledger standing in for the peer in unit tests: world state, private collections,
 * key-level endorsement policies, history and events. Like Fabric, a transaction reads committed
 * state only (not its own writes), and its writes and event commit only if it does not throw.
 */
export class MemoryLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly privateState = new Map<string, Map<string, Uint8Array>>();
  readonly validationParameters = new Map<string, Uint8Array>();
  readonly history = new Map<string, HistoryEntry[]>();
  readonly events: EmittedEvent[] = [];
  private txCounter = 0;
  private millis = Date.UTC(2026, 0, 5, 2, 0, 0); // 2026-01-05 10:00 in China

  /** Runs `body` as a submitted transaction: commits its writes and event only if it succeeds. */
  async submit<T>(
    caller: TestCaller,
    body: (ctx: Context) => Promise<T>,
    options: TxOptions = {},
  ): Promise<T> {
    const tx = this.transaction(caller, options);
    const result = await body(tx.ctx);
    tx.commit();
    return result;
  }

  /**
   * Runs a transaction by name as fabric-contract-api dispatches it: the contract's
   * beforeTransaction sees the raw arguments, then the transaction runs; commits only if both succeed.
   */
  async invoke(
    caller: TestCaller,
    contract: Contract,
    transaction: string,
    args: string[],
    options: TxOptions = {},
  ): Promise<string> {
    const fcn = `${contract.getName()}:${transaction}`;
    return this.submit(
      caller,
      async (ctx) => {
        await contract.beforeTransaction(ctx);
        const method = (contract as Invocable)[transaction];
        if (typeof method !== 'function') throw new Error(`no transaction ${fcn}`);
        return (method as (...values: unknown[]) => Promise<string>).call(contract, ctx, ...args);
      },
      { ...options, args: [fcn, ...args] },
    );
  }

  /** Runs `body` as an evaluated (read-only) transaction: nothing it writes is kept. */
  async evaluate<T>(
    caller: TestCaller,
    body: (ctx: Context) => Promise<T>,
    options: TxOptions = {},
  ): Promise<T> {
    return body(this.transaction(caller, options).ctx);
  }

  /** A context for a transaction that is never committed (for tests of single helpers). */
  context(caller: TestCaller, options: TxOptions = {}): Context {
    return this.transaction(caller, options).ctx;
  }

  setTime(iso: string): void {
    this.millis = Date.parse(iso);
  }

  advanceDays(days: number): void {
    this.millis += days * 86_400_000;
  }

  /** Every committed key whose composite type is `type`. */
  keysOfType(type: string): string[] {
    return [...this.state.keys()].filter((key) => splitKey(key).objectType === type).sort();
  }

  private transaction(caller: TestCaller, options: TxOptions): { ctx: Context; commit: () => void } {
    this.txCounter += 1;
    const txId = txIdOf(this.txCounter);
    const timestamp = {
      seconds: BigInt(Math.floor(this.millis / 1000)),
      nanos: (this.millis % 1000) * 1_000_000,
    };
    const writes = new Map<string, Uint8Array | null>();
    /** A null value deletes the key. */
    const privateWrites: { collection: string; key: string; value: Uint8Array | null }[] = [];
    const parameters = new Map<string, Uint8Array>();
    let event: EmittedEvent | undefined;
    const peerMsp = options.peerMsp ?? caller.mspId;
    const committed = this.state;
    const readPrivate = (collection: string): Map<string, Uint8Array> => {
      const member = collection === `_implicit_org_${peerMsp}`;
      if (collection.startsWith('_implicit_org_') && !member) {
        throw new Error(`peer of ${peerMsp} is not a member of collection ${collection}`);
      }
      return this.privateState.get(collection) ?? new Map<string, Uint8Array>();
    };
    const range = (prefix: string, after = ''): { key: string; value: Uint8Array }[] =>
      [...committed.entries()]
        .filter(([key]) => key.startsWith(prefix) && key > after && key < `${prefix}${MAX_UNICODE}`)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ key, value }));

    const args = options.args ?? [];
    const stub = {
      getArgs: (): string[] => [...args],
      getStringArgs: (): string[] => [...args],
      getFunctionAndParameters: (): { fcn: string; params: string[] } => ({
        fcn: args[0] ?? '',
        params: args.slice(1),
      }),
      getTxID: (): string => txId,
      getTxTimestamp: () => timestamp,
      getMspID: (): string => peerMsp,
      getState: (key: string): Promise<Uint8Array> => Promise.resolve(committed.get(key) ?? new Uint8Array()),
      putState: (key: string, value: Uint8Array): Promise<void> => {
        if (value.length === 0) throw new Error('putState with an empty value deletes the key in Fabric');
        writes.set(key, value);
        return Promise.resolve();
      },
      deleteState: (key: string): Promise<void> => {
        writes.set(key, null);
        return Promise.resolve();
      },
      createCompositeKey: compositeKey,
      splitCompositeKey: splitKey,
      getStateByPartialCompositeKey: (type: string, attributes: string[]) =>
        Promise.resolve(iteratorOf(range(compositeKey(type, attributes)))),
      getStateByPartialCompositeKeyWithPagination: (
        type: string,
        attributes: string[],
        pageSize: number,
        bookmark: string,
      ) => {
        const page = range(compositeKey(type, attributes), bookmark).slice(0, pageSize);
        const last = page[page.length - 1];
        return Promise.resolve({
          iterator: iteratorOf(page),
          metadata: { fetchedRecordsCount: page.length, bookmark: last?.key ?? bookmark },
        });
      },
      setEvent: (name: string, payload: Uint8Array): void => {
        event = { name, payload: Buffer.from(payload).toString('utf8'), txId };
      },
      setStateValidationParameter: (key: string, policy: Uint8Array): Promise<void> => {
        parameters.set(key, policy);
        return Promise.resolve();
      },
      getStateValidationParameter: (key: string): Promise<Uint8Array> =>
        Promise.resolve(this.validationParameters.get(key) ?? new Uint8Array()),
      getTransient: (): Map<string, Uint8Array> =>
        new Map(Object.entries(options.transient ?? {}).map(([key, value]) => [key, encoder.encode(value)])),
      putPrivateData: (collection: string, key: string, value: Uint8Array): Promise<void> => {
        privateWrites.push({ collection, key, value });
        return Promise.resolve();
      },
      deletePrivateData: (collection: string, key: string): Promise<void> => {
        privateWrites.push({ collection, key, value: null });
        return Promise.resolve();
      },
      getPrivateData: (collection: string, key: string): Promise<Uint8Array> =>
        Promise.resolve(readPrivate(collection).get(key) ?? new Uint8Array()),
      getHistoryForKey: (key: string) =>
        Promise.resolve(iteratorOf([...(this.history.get(key) ?? [])].reverse())),
    };
    const attrs = caller.attrs ?? {};
    const clientIdentity = {
      getMSPID: (): string => caller.mspId,
      getID: (): string => caller.id ?? `x509::CN=user,OU=client::CN=ca-${caller.mspId}`,
      getAttributeValue: (name: string): string | null => attrs[name] ?? null,
      getIDBytes: (): Uint8Array => encoder.encode(caller.certificate ?? CLIENT_OU_CERT),
    };
    const ctx = { stub, clientIdentity } as unknown as Context;
    const commit = (): void => {
      for (const [key, value] of writes) {
        const entries = this.history.get(key) ?? [];
        entries.push({ txId, timestamp, isDelete: value === null, value: value ?? new Uint8Array() });
        this.history.set(key, entries);
        if (value === null) committed.delete(key);
        else committed.set(key, value);
      }
      for (const { collection, key, value } of privateWrites) {
        const store = this.privateState.get(collection) ?? new Map<string, Uint8Array>();
        if (value === null) store.delete(key);
        else store.set(key, value);
        this.privateState.set(collection, store);
      }
      for (const [key, policy] of parameters) this.validationParameters.set(key, policy);
      if (event) this.events.push(event);
    };
    return { ctx, commit };
  }
}
