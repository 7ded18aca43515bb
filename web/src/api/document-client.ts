import { ApiError, ErrorCodes } from './errors';

/** What the node answers for a stored document. */
export interface StoredDocument {
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** The media types the node accepts (node-api/src/documents/document-types.ts). */
export const DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/xml',
  'text/xml',
  'application/json',
  'text/plain',
] as const;

export interface DocumentClientOptions {
  /** The node API's base URL, e.g. `http://127.0.0.1:7006`. */
  baseUrl: string;
  token: () => string | null;
  fetch?: typeof fetch;
}

/** Invoice and shipment documents: uploaded to the node before the transaction that cites their hash. */
export class DocumentClient {
  readonly #options: DocumentClientOptions;

  constructor(options: DocumentClientOptions) {
    this.#options = options;
  }

  /** POST /documents with one `file` part; the answer names the SHA-256 the ledger will carry. */
  async upload(file: File): Promise<StoredDocument> {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await this.#send('/documents', { method: 'POST', body: form });
    return (await response.json()) as StoredDocument;
  }

  /** GET /documents/<sha256>: the bytes, which the node re-verified against the hash. */
  async download(sha256: string): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.#send(`/documents/${encodeURIComponent(sha256)}`, { method: 'GET' });
    const fileName = fileNameOf(response.headers.get('content-disposition')) ?? sha256;
    return { blob: await response.blob(), fileName };
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    const token = this.#options.token();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(new URL(path, this.#options.baseUrl), { ...init, headers });
    } catch (cause) {
      throw new ApiError(ErrorCodes.Network, 'the node API cannot be reached', { cause });
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
    const code = typeof body?.code === 'string' ? body.code : ErrorCodes.Internal;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status.toString()}`;
    throw new ApiError(code, message, { status: response.status });
  }
}

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) return decodeURIComponent(extended[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}
