/**
 * npm run reconcile -w node-api -- --org <org>: compares every ledger object the org can read with
 * its read model (DATABASE_URL) and prints each difference, quarantined events included; exits 1 if
 * there is any.
 */
import { reconcile } from '../projector/reconcile.ts';
import { runOrgServiceCommand } from './org-service-command.ts';

runOrgServiceCommand('reconcile', async (db, ledger) => {
  const differences = await reconcile(db, ledger);
  for (const d of differences) {
    const fields = d.fields.length ? ` (${d.fields.join(', ')})` : '';
    const detail = d.detail === undefined ? '' : ` (${d.detail})`;
    process.stdout.write(`${d.problem.padEnd(9)} ${d.type.padEnd(10)} ${d.id}${fields}${detail}\n`);
  }
  process.stdout.write(
    differences.length === 0 ? 'no differences\n' : `${differences.length} difference(s)\n`,
  );
  return differences.length === 0 ? 0 : 1;
});
