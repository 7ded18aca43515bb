import { ChangeStream } from './change-stream';
import { DocumentClient } from './document-client';
import { GraphQLClient } from './graphql-client';
import type { RuntimeConfig } from './runtime-config';

/** Everything that talks to this org's node API, built once at start-up. */
export interface ApiConnection {
  config: RuntimeConfig;
  graphql: GraphQLClient;
  documents: DocumentClient;
  changes: ChangeStream;
}

let current: ApiConnection | null = null;

export function connectApi(
  config: RuntimeConfig,
  session: { token: () => string | null; onUnauthenticated: () => void },
): ApiConnection {
  const endpoint = `${config.nodeApiUrl}/graphql`;
  current?.changes.dispose();
  current = {
    config,
    graphql: new GraphQLClient({
      endpoint,
      token: session.token,
      onUnauthenticated: session.onUnauthenticated,
    }),
    documents: new DocumentClient({ baseUrl: config.nodeApiUrl, token: session.token }),
    changes: new ChangeStream({ endpoint, token: session.token }),
  };
  return current;
}

/** Tests put a fake connection in place with this. */
export function setApiConnection(connection: ApiConnection | null): void {
  current = connection;
}

/** The connection made at start-up. */
export function useApi(): ApiConnection {
  if (!current) throw new Error('the API connection is used before main.ts made it');
  return current;
}
