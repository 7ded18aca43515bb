import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/client.ts';
import { NodeErrorCodes } from '../errors/codes.ts';
import { NodeError } from '../errors/node-error.ts';
import type { DocumentStore, DocumentUpload, StoredDocument } from './document-store.ts';
import { SHA256_HEX, sha256Hex } from './sha256.ts';

/**
 * Documents as files named by their SHA-256 in one folder, with their metadata in the `documents`
 * table and their owners (the enterprises that uploaded them) in `document_owners`. The hash is the
 * identity, so storing the same bytes twice is one document, owned by each enterprise that uploaded
 * it; reading re-hashes, because the ledger only vouches for the hash and a changed file must never be
 * served as the original.
 */
export class FileDocumentStore implements DocumentStore {
  readonly #db: Database;
  readonly #dir: string;

  constructor(db: Database, dir: string) {
    this.#db = db;
    this.#dir = dir;
  }

  put = async (content: Uint8Array, upload: DocumentUpload): Promise<StoredDocument> => {
    const sha256 = sha256Hex(content);
    await this.#writeFile(sha256, content);
    const { enterpriseId, ...meta } = upload;
    const uploadedAt = new Date();
    // The first upload's name and uploader stay: a later upload of the same bytes is the same document,
    // which then also belongs to the later uploader's enterprise. Inserts that skip a row already there
    // (ON CONFLICT DO NOTHING), not upserts: Prisma's upsert reads, then inserts, so two uploads of the
    // same bytes at once both tried to insert and one failed on the key.
    const size = content.byteLength;
    await this.#db.$transaction([
      this.#db.document.createMany({ data: [{ sha256, ...meta, size, uploadedAt }], skipDuplicates: true }),
      this.#db.documentOwner.createMany({
        data: [{ sha256, enterpriseId, uploadedBy: meta.uploadedBy, uploadedAt }],
        skipDuplicates: true,
      }),
    ]);
    return this.#db.document.findUniqueOrThrow({ where: { sha256 } });
  };

  get = async (sha256: string): Promise<{ document: StoredDocument; content: Uint8Array }> => {
    const document = await this.describe(sha256);
    if (!document) throw new NodeError(NodeErrorCodes.NotFound, `no document ${sha256}`);
    const content = await this.#readFile(sha256);
    if (!content || sha256Hex(content) !== sha256) {
      throw new NodeError(
        NodeErrorCodes.Tampered,
        `the stored file of document ${sha256} no longer matches its hash`,
      );
    }
    return { document, content };
  };

  describe = async (sha256: string): Promise<StoredDocument | null> => {
    if (!SHA256_HEX.test(sha256)) return null;
    return this.#db.document.findUnique({ where: { sha256 } });
  };

  /** Writes beside the target, then renames: a reader never sees a half-written file. */
  async #writeFile(sha256: string, content: Uint8Array): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const temporary = join(this.#dir, `.${sha256}.${randomUUID()}.tmp`);
    try {
      await writeFile(temporary, content, { flag: 'wx', mode: 0o600 });
      await rename(temporary, join(this.#dir, sha256));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** The stored bytes, or null when the file is gone (as much a broken promise as a changed one). */
  async #readFile(sha256: string): Promise<Uint8Array | null> {
    try {
      return await readFile(join(this.#dir, sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
