/** A smoke-test note as stored on the ledger (clients import this type; keep it free of imports). */
export interface Note {
  key: string;
  text: string;
  writtenAt: string;
  writtenBy: string;
  txId: string;
}
