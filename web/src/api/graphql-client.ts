import type { TypedDocumentString } from './generated/graphql';
import { ApiError, ErrorCodes } from './errors';

export interface GraphQLClientOptions {
  /** The node API's GraphQL endpoint, e.g. `http://127.0.0.1:7006/graphql`. */
  endpoint: string;
  /** The session token, read on every request. */
  token: () => string | null;
  /** Told when the node says the session no longer holds. */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

interface GraphQLErrorBody {
  message?: unknown;
  extensions?: { code?: unknown; transactionId?: unknown };
}

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
  /** Non-GraphQL refusals (rate limit, size) answer `{ code, message }`. */
  code?: unknown;
  message?: unknown;
}

/** Operations without variables may be called without them. */
type VariablesArg<V> = [V] extends [Record<string, never>] ? [variables?: V] : [variables: V];

/** A small GraphQL-over-HTTP client: typed documents in, typed data or an ApiError out. */
export class GraphQLClient {
  readonly #options: GraphQLClientOptions;

  constructor(options: GraphQLClientOptions) {
    this.#options = options;
  }

  /** Runs an operation; its variables are required exactly when it declares required ones. */
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: VariablesArg<TVariables>
  ): Promise<TResult> {
    return this.execute(document, variables);
  }

  /** The same, for callers holding variables of a generic type. */
  async execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables | undefined,
  ): Promise<TResult> {
    const response = await this.#post({ query: document.toString(), variables: variables ?? {} });
    const body = await readJson<GraphQLResponseBody<TResult>>(response);
    const [first] = body?.errors ?? [];
    if (first) throw this.#fail(errorFrom(first, response.status));
    if (body?.data) return body.data;
    const code = typeof body?.code === 'string' ? body.code : ErrorCodes.Internal;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status.toString()}`;
    throw this.#fail(new ApiError(code, message, { status: response.status }));
  }

  async #post(payload: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    const token = this.#options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    try {
      return await doFetch(this.#options.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
      });
    } catch (cause) {
      throw new ApiError(ErrorCodes.Network, 'the node API cannot be reached', { cause });
    }
  }

  #fail(error: ApiError): ApiError {
    if (error.code === ErrorCodes.Unauthenticated) this.#options.onUnauthenticated?.();
    return error;
  }
}

function errorFrom(error: GraphQLErrorBody, status: number): ApiError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : ErrorCodes.Internal;
  const message = typeof error.message === 'string' ? error.message : 'Unexpected error.';
  const transactionId =
    typeof error.extensions?.transactionId === 'string' ? error.extensions.transactionId : null;
  return new ApiError(code, message, { status, transactionId });
}

async function readJson<T>(response: Response): Promise<T | null> {
  try {
    return (await response.json()) as T;
  } catch {
    return null;
  }
}
