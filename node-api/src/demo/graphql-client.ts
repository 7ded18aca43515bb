import { isApiErrorCode, NodeErrorCodes, type ApiErrorCode } from '../errors/codes.ts';

/** A GraphQL error as the node API sends it: a message and a stable `extensions.code`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = ApiError.name;
    this.code = code;
  }

  /** An answer's code as one of the API's; one it does not list (graphql-yoga's own) stays in the message. */
  static fromWire(code: string | undefined, message: string, fallback: ApiErrorCode): ApiError {
    if (isApiErrorCode(code)) return new ApiError(code, message);
    return new ApiError(fallback, code === undefined ? message : `${code}: ${message}`);
  }
}

interface Response<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Where a mutation's write landed: what another org's node is asked about before acting on it. */
export interface Write {
  transactionId: string;
  blockNumber: string;
}

const CATCH_UP_MS = 30_000;
const RATE_LIMIT_PATIENCE_MS = 300_000;

/**
 * One sequence of steps that depend on each other, possibly across orgs (register an invoice at the
 * supplier's node, then confirm it at the core enterprise's). Each org's node reads its own peer, which
 * may be moments behind another's; before each step the flow waits until the acting node has applied
 * the flow's previous write.
 */
export class Flow {
  private last: Write | undefined;

  /** `after`: the write this flow builds on, from an earlier flow. */
  constructor(after?: Write) {
    this.last = after;
  }

  get lastWrite(): Write | undefined {
    return this.last;
  }

  async run<T>(client: NodeClient, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    if (this.last) await client.awaitApplied(this.last);
    const data = await client.request<T>(query, variables);
    for (const payload of Object.values(data as Record<string, unknown>)) {
      const { transactionId, blockNumber } = (payload ?? {}) as Partial<Write>;
      if (typeof transactionId === 'string' && typeof blockNumber === 'string') {
        this.last = { transactionId, blockNumber };
      }
    }
    return data;
  }

  /** Waits until each of `clients`' nodes has applied the flow's last write (a barrier after set-up). */
  async settle(clients: NodeClient[]): Promise<void> {
    const last = this.last;
    if (last) await Promise.all(clients.map((client) => client.awaitApplied(last)));
  }
}

/** A minimal client of one node API: GraphQL over HTTP plus document upload, as one logged-in user. */
export class NodeClient {
  readonly url: string;
  /** The session's bearer token, for requests made without this client (an SSE stream, say). */
  readonly token: string | undefined;

  constructor(url: string, token?: string) {
    this.url = url;
    this.token = token;
  }

  async login(username: string, password: string): Promise<NodeClient> {
    const data = await this.post<{ login: { token: string } }>(
      'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    return new NodeClient(this.url, data.login.token);
  }

  /** Runs a query or mutation as this user. */
  request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.post<T>(query, variables);
  }

  /** Waits until this node's read model holds `write`. */
  async awaitApplied(write: Write): Promise<void> {
    const deadline = Date.now() + CATCH_UP_MS;
    // Usually applied already or within a block; back off so that waiting costs little of the rate limit.
    let delay = 50;
    const query =
      'query($t: String!, $b: String!) { transactionApplied(transactionId: $t, blockNumber: $b) }';
    for (;;) {
      const data = await this.post<{ transactionApplied: boolean }>(query, {
        t: write.transactionId,
        b: write.blockNumber,
      });
      if (data.transactionApplied) return;
      if (Date.now() > deadline) {
        throw new ApiError(
          NodeErrorCodes.LedgerUnavailable,
          `${this.url} did not apply ${write.transactionId}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 1_000);
    }
  }

  private async post<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.send(`${this.url}/graphql`, () => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.auth() },
      body: JSON.stringify({ query, variables }),
    }));
    const body = (await response.json()) as Response<T>;
    const error = body.errors?.[0];
    if (error)
      throw ApiError.fromWire(error.extensions?.code, error.message, NodeErrorCodes.InternalServerError);
    if (!body.data) throw new ApiError(NodeErrorCodes.Internal, `no data (HTTP ${response.status})`);
    return body.data;
  }

  /** Uploads a document; returns its SHA-256, which goes on the ledger. */
  async upload(fileName: string, contentType: string, content: Uint8Array): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type: contentType }), fileName);
    const response = await fetch(`${this.url}/documents`, {
      method: 'POST',
      headers: this.auth(),
      body: form,
    });
    const body = (await response.json()) as { sha256?: string; code?: string; message?: string };
    if (!response.ok || !body.sha256)
      throw ApiError.fromWire(body.code, body.message ?? 'upload failed', NodeErrorCodes.Internal);
    return body.sha256;
  }

  /** Sends a request, waiting out the node's per-user rate limit (429 with Retry-After) as a client should. */
  private async send(url: string, init: () => RequestInit): Promise<globalThis.Response> {
    const giveUpAt = Date.now() + RATE_LIMIT_PATIENCE_MS;
    for (;;) {
      const response = await fetch(url, init());
      if (response.status !== 429 || Date.now() > giveUpAt) return response;
      await response.body?.cancel();
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
    }
  }

  private auth(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }
}
