import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from './db/client.ts';
import type { Context } from './schema/context.ts';
import { buildSchema } from './schema/index.ts';
import type { Services } from './services/services.ts';

export interface ApiOptions {
  db: Database;
  services: Services;
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

/** The org's GraphQL API as a fetch handler: `api.fetch(request)` in tests, an http server in server.ts. */
export function createApi(options: ApiOptions): Api {
  const { db, services } = options;
  return createYoga<Record<string, unknown>, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    maskedErrors: true,
    landingPage: false,
    context: async ({ request }) => {
      const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
      const user = token ? await services.users.authenticate(token) : null;
      return { db, services, user };
    },
  });
}
