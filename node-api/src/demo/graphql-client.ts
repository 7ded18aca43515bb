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

/** A minimal client of one node API: GraphQL over HTTP plus document upload, as one logged-in user. */
export class NodeClient {
  readonly url: string;
  private token: string | undefined;

  constructor(url: string, token?: string) {
    this.url = url;
    this.token = token;
  }

  async login(username: string, password: string): Promise<NodeClient> {
    const data = await this.request<{ login: { token: string } }>(
      'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );
    return new NodeClient(this.url, data.login.token);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
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
