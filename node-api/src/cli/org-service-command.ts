import { parseArgs } from 'node:util';
import { enrollUser, findMember, openNetwork } from '@scf/network';
import { createDatabase, type Database } from '../db/client.ts';
import { connectMember } from '../ledger/member-connection.ts';
import { scfLedger, type ScfLedger } from '../ledger/scf-ledger.ts';
import { nodeDatabaseUrl } from './node-env.ts';

/**
 * Runs an operator command against one org's node: `--org <org> [--state-dir DIR]`, the org's read
 * model (DATABASE_URL, or the embedded database npm start runs for the org) and the ledger as the org's
 * service identity, as the node's projector uses it (it reads the private terms the org holds).
 * `work` answers the exit code; a failure prints `<name> failed: …` and exits 1.
 */
export function runOrgServiceCommand(
  name: string,
  work: (db: Database, ledger: ScfLedger) => Promise<number>,
): void {
  const usage = `usage: npm run ${name} -w node-api -- --org <org> [--state-dir DIR]
environment: DATABASE_URL (the org's read model; default: the embedded database npm start runs for the org),
             SCF_STATE_DIR (network state folder, default .state)
`;
  const main = async (): Promise<number> => {
    const { values } = parseArgs({ options: { org: { type: 'string' }, 'state-dir': { type: 'string' } } });
    if (!values.org) {
      process.stderr.write(usage);
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
      return await work(db, scfLedger(connection.gateway, channel, chaincode.name));
    } finally {
      connection.close();
      await db.$disconnect();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
