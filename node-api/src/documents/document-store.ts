export interface StoredDocument {
  /** SHA-256 of the content, hex: what goes on chain. */
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: Date;
}

/** Invoice and shipment documents, kept off-chain by content hash. */
export interface DocumentStore {
  put: (
    content: Uint8Array,
    meta: { fileName: string; contentType: string; uploadedBy: string },
  ) => Promise<StoredDocument>;
  /** The document and its bytes, re-verified against its hash (TAMPERED when they differ). */
  get: (sha256: string) => Promise<{ document: StoredDocument; content: Uint8Array }>;
  describe: (sha256: string) => Promise<StoredDocument | null>;
}
