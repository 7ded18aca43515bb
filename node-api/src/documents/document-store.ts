export interface StoredDocument {
  /** SHA-256 of the content, hex: what goes on chain. */
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: Date;
}

/** Who uploads a document and what it is called: the uploader's enterprise becomes one of its owners. */
export interface DocumentUpload {
  fileName: string;
  contentType: string;
  /** The uploading user's id. */
  uploadedBy: string;
  /** The enterprise the user acts for. */
  enterpriseId: string;
}

/** Invoice and shipment documents, kept off-chain by content hash, owned by the enterprises that uploaded them. */
export interface DocumentStore {
  put: (content: Uint8Array, upload: DocumentUpload) => Promise<StoredDocument>;
  /** The document and its bytes, re-verified against its hash (TAMPERED when they differ). */
  get: (sha256: string) => Promise<{ document: StoredDocument; content: Uint8Array }>;
  describe: (sha256: string) => Promise<StoredDocument | null>;
}
