/**
 * npm run replay-quarantine -w node-api -- --org <org>: after a fix, applies again every event the
 * org's projector quarantined (DATABASE_URL); those that now apply leave quarantine, the others stay
 * with their new error. Prints each; exits 0 when none is left, 1 otherwise.
 */
import { replayQuarantined } from '../projector/quarantine.ts';
import { runOrgServiceCommand } from './org-service-command.ts';

runOrgServiceCommand('replay-quarantine', async (db, ledger) => {
  const result = await replayQuarantined(db, ledger);
  for (const transactionId of result.applied) process.stdout.write(`applied   ${transactionId}\n`);
  for (const { transactionId, error } of result.failed) {
    process.stdout.write(`failing   ${transactionId} (${error})\n`);
  }
  process.stdout.write(`${result.applied.length} applied, ${result.failed.length} still quarantined\n`);
  return result.failed.length === 0 ? 0 : 1;
});
