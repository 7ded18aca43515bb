/**
 * npm run replay-quarantine -w node-api -- --org <org>: after a fix, applies again every event the
 * org's projector quarantined (DATABASE_URL); those that now apply leave quarantine, the others stay
 * with their new error. Prints each; exits 0 when none is left, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { enrollUser, findMember, openNetwork } from '@scf/network';
import { createDatabase } from '../db/client.ts';
import { connectMember } from '../ledger/member-connection.ts';
import { ScfLedger } from '../ledger/scf-ledger.ts';
import { replayQuarantined } from '../projector/quarantine.ts';
import { nodeDatabaseUrl } from './node-env.ts';

const USAGE = `usage: npm run replay-quarantine -w node-api -- --org <org> [--state-dir DIR]
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
  // The org's service identity, as the node's projector uses: it reads the private terms the org holds.
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
    const result = await replayQuarantined(db, new ScfLedger(connection.gateway, channel, chaincode.name));
    for (const transactionId of result.applied) process.stdout.write(`applied   ${transactionId}\n`);
    for (const { transactionId, error } of result.failed) {
      process.stdout.write(`failing   ${transactionId} (${error})\n`);
    }
    process.stdout.write(`${result.applied.length} applied, ${result.failed.length} still quarantined\n`);
    return result.failed.length === 0 ? 0 : 1;
  } finally {
    connection.close();
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
