/** A smoke-test note as stored on the ledger (clients import this type; keep it free of imports). */
export interface Note {
  key: string;
  text: string;
  writtenAt: string;
  writtenBy: string;
  txId: string;
}

/** What the test contract's EmitRaw stores about the raw event it emitted. */
export interface RawEventMark {
  eventName: string;
  /** Bytes of the payload as emitted. */
  payloadLength: number;
  txId: string;
  writtenAt: string;
  /** MSP id of the caller. */
  writtenBy: string;
}
