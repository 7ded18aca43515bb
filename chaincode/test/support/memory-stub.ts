import type { Context } from 'fabric-contract-api';

/** The caller a test transaction runs as. */
export interface TestCaller {
  mspId: string;
  id?: string;
  attrs?: Record<string, string>;
}

export interface EmittedEvent {
  name: string;
  payload: string;
}

/**
 * An in-memory stand-in for the chaincode stub and client identity: enough of both for unit tests
 * of contracts. World state is a sorted map shared across transactions of one ledger.
 */
export class MemoryLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly events: EmittedEvent[] = [];
  private txCounter = 0;
  private clockSeconds = 1_767_225_600; // 2026-01-01T00:00:00Z

  /** A fresh context for one transaction by `caller`, at the ledger's current time. */
  context(caller: TestCaller): Context {
    this.txCounter += 1;
    const txId = `tx${String(this.txCounter).padStart(6, '0')}`;
    const seconds = this.clockSeconds;
    const state = this.state;
    const events = this.events;
    const stub = {
      getTxID: (): string => txId,
      getTxTimestamp: () => ({ seconds: BigInt(seconds), nanos: 0 }),
      getState: (key: string): Promise<Uint8Array> => Promise.resolve(state.get(key) ?? new Uint8Array()),
      putState: (key: string, value: Uint8Array): Promise<void> => {
        state.set(key, value);
        return Promise.resolve();
      },
      deleteState: (key: string): Promise<void> => {
        state.delete(key);
        return Promise.resolve();
      },
      createCompositeKey: (type: string, parts: string[]): string =>
        `\u0000${[type, ...parts].join('\u0000')}\u0000`,
      setEvent: (name: string, payload: Uint8Array): void => {
        events.push({ name, payload: Buffer.from(payload).toString('utf8') });
      },
    };
    const attrs = caller.attrs ?? {};
    const clientIdentity = {
      getMSPID: (): string => caller.mspId,
      getID: (): string => caller.id ?? `x509::CN=user,OU=client::CN=ca-${caller.mspId}`,
      getAttributeValue: (name: string): string | null => attrs[name] ?? null,
    };
    return { stub, clientIdentity } as unknown as Context;
  }

  advanceSeconds(seconds: number): void {
    this.clockSeconds += seconds;
  }
}
