/**
 * npm run reconcile -w node-api -- --org <org>: compares every ledger object the org can read with
 * its read model (DATABASE_URL) and prints each difference, quarantined events included; exits 1 if
 * there is any.
 */
import { parseArgs } from 'node:util';
import { enrollUser, findMember, openNetwork } from '@scf/network';
import { createDatabase } from '../db/client.ts';
import { connectMember } from '../ledger/member-connection.ts';
import { ScfLedger } from '../ledger/scf-ledger.ts';
import { reconcile } from '../projector/reconcile.ts';
import { nodeDatabaseUrl } from './node-env.ts';

const USAGE = `usage: npm run reconcile -w node-api -- --org <org> [--state-dir DIR]
environment: DATABASE_URL (the org's read model; default: the embedded database npm start runs for the org),
             SCF_STATE_DIR (network state folder, default .state)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { org: { type: 'string' }, 'state-dir': { type: 'string' } } });
  if (!values.org) {
    process.stderr.write(USAGE);
    return 2;
  }
  const ctx = openNetwork({ stateDir: values['state-dir'], log: () => undefined });
  const member = findMember(ctx.topology, values.org);
  const databaseUrl = process.env.DATABASE_URL ?? nodeDatabaseUrl(ctx, member);
  const service = await enrollUser(ctx, {
    org: values.org,
    name: 'orgadmin',
    enterpriseId: 'ORG-ADMIN',
    role: 'admin',
  });
  const connection = connectMember(ctx, service);
  const db = createDatabase(databaseUrl);
  try {
    const { channel, chaincode } = ctx.topology.config;
    const differences = await reconcile(db, new ScfLedger(connection.gateway, channel, chaincode.name));
    for (const d of differences) {
      const fields = d.fields.length ? ` (${d.fields.join(', ')})` : '';
      const detail = d.detail === undefined ? '' : ` (${d.detail})`;
      process.stdout.write(`${d.problem.padEnd(9)} ${d.type.padEnd(10)} ${d.id}${fields}${detail}\n`);
    }
    process.stdout.write(
      differences.length === 0 ? 'no differences\n' : `${differences.length} difference(s)\n`,
    );
    return differences.length === 0 ? 0 : 1;
  } finally {
    connection.close();
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`reconcile failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
