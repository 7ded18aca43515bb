import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The unit run's shared server (shared-postgres.setup.ts): its `postgres` database, to create others. */
    scfSharedPostgres?: { url: string };
  }
}

/** The migrated database every test file's fresh database is copied from. */
export const SHARED_TEMPLATE = 'scf_template';

/** Any constant: copies of the template are made one at a time (files run in parallel workers). */
const COPY_LOCK = 727_110_002;

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The shared server of this run, when the project set one up (the unit project does). */
export function sharedPostgres(): { url: string } | undefined {
  return inject('scfSharedPostgres');
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database on the shared server, a copy of the migrated template; returns its URL and its drop. */
export async function copyTemplate(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `scf_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [COPY_LOCK]);
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${SHARED_TEMPLATE}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [COPY_LOCK]);
    }
  });
  return {
    url: withDatabaseName(adminUrl, name),
    drop: () =>
      asAdmin(adminUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
