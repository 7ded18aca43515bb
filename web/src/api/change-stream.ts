import { createClient, type Client } from 'graphql-sse';
import { ChangesDocument, type ChangesSubscription } from './generated/graphql';

export type Change = ChangesSubscription['changes'];

export interface ChangeStreamOptions {
  /** The GraphQL endpoint; yoga answers subscriptions there as GraphQL over SSE (distinct connections). */
  endpoint: string;
  token: () => string | null;
}

/**
 * The `changes` subscription: one SSE stream per listener, reconnecting with back-off while the node
 * is away. Yoga serves the protocol's distinct-connections mode, graphql-sse's default.
 */
export class ChangeStream {
  readonly #client: Client;

  constructor(options: ChangeStreamOptions) {
    this.#client = createClient({
      url: options.endpoint,
      headers: (): Record<string, string> => {
        const token = options.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
    });
  }

  /** Calls `onChange` for every change until the returned function is called. */
  listen(onChange: (change: Change) => void, onError: (error: unknown) => void): () => void {
    return this.#client.subscribe<ChangesSubscription>(
      { query: ChangesDocument.toString() },
      {
        next: (result) => {
          if (result.data) onChange(result.data.changes);
        },
        error: onError,
        complete: () => undefined,
      },
    );
  }

  dispose(): void {
    this.#client.dispose();
  }
}
