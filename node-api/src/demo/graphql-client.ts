/** A GraphQL error as the node API sends it: a message and a stable `extensions.code`. */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = ApiError.name;
    this.code = code;
  }
}

interface Response<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * The newest block any client of a group has written to. Each org's node reads its own peer, so a
 * write through one org's node shows up at another's moments later; clients sharing a watermark
 * wait, before each write, until their node has applied everything the group wrote so far.
 */
export class Watermark {
  block = -1n;

  saw(block: bigint): void {
    if (block > this.block) this.block = block;
  }
}

const MUTATION = /^\s*mutation\b/;
const CATCH_UP_MS = 30_000;

/** A minimal client of one node API: GraphQL over HTTP plus document upload, as one logged-in user. */
export class NodeClient {
  readonly url: string;
  private readonly token: string | undefined;
  private readonly watermark: Watermark | undefined;

  constructor(url: string, token?: string, watermark?: Watermark) {
    this.url = url;
    this.token = token;
    this.watermark = watermark;
  }

  async login(username: string, password: string): Promise<NodeClient> {
    const data = await this.post<{ login: { token: string } }>(
      'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    return new NodeClient(this.url, data.login.token, this.watermark);
  }

  /** Runs a query or mutation; with a watermark, a mutation waits for this node to catch up first and
   * records the block of each payload that selects `blockNumber`. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    if (!this.watermark || !MUTATION.test(query)) return this.post<T>(query, variables);
    await this.caughtUp(this.watermark.block);
    const data = await this.post<T>(query, variables);
    for (const payload of Object.values(data as Record<string, unknown>)) {
      const block = (payload as { blockNumber?: unknown } | null)?.blockNumber;
      if (typeof block === 'string') this.watermark.saw(BigInt(block));
    }
    return data;
  }

  /** Waits until this node has applied block `block`. */
  async caughtUp(block: bigint): Promise<void> {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const info = await this.post<{ nodeInfo: { appliedBlock: string } }>('{ nodeInfo { appliedBlock } }');
      if (BigInt(info.nodeInfo.appliedBlock) >= block) return;
      if (Date.now() > deadline)
        throw new ApiError('LEDGER_UNAVAILABLE', `${this.url} did not reach block ${block}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async post<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.auth() },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Response<T>;
    const error = body.errors?.[0];
    if (error) throw new ApiError(error.extensions?.code ?? 'UNKNOWN', error.message);
    if (!body.data) throw new ApiError('UNKNOWN', `no data (HTTP ${response.status})`);
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
      throw new ApiError(body.code ?? 'UNKNOWN', body.message ?? 'upload failed');
    return body.sha256;
  }

  private auth(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }
}
