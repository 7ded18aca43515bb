import { setTimeout as sleep } from 'node:timers/promises';
import { clean, statusExitCode, stopRequested, Supervisor, type NetworkContext } from '@scf/network';
import { consortiumReports, consortiumRestarters } from '../cli/consortium-processes.ts';
import { startDrillConsortium, type DrillConsortium } from './drill-consortium.ts';
import { faultsNamed, type Fault, type FaultName } from './faults.ts';
import { InvoiceWriter, type Acknowledgement, type DrillWrite, type Progress } from './invoice-writer.ts';
import { awaitRecovery } from './recovery.ts';
import { Tally } from './tally.ts';
import { verifyWrites } from './verify-writes.ts';
import { runWriteLoad } from './write-load.ts';

export interface DrillOptions {
  /** The faults to inject, one after the other, in this order. */
  faults: readonly FaultName[];
  /** Seconds of write load per fault; the fault strikes a quarter of the way in (10 s at most). */
  loadSeconds: number;
  /** A fault not recovered within this many seconds fails the drill (and ends it). */
  boundSeconds: number;
  /** Concurrent clients of the load. */
  clients: number;
  /** How often the in-process watch looks (the watch `npm start` runs looks every 5 s). */
  watchIntervalMs: number;
  orderers: number;
  log: (line: string) => void;
}

/** One row of the drill's table. */
export interface FaultResult {
  fault: string;
  description: string;
  /** Writes the API acknowledged (committed: a transaction id with its block). */
  acknowledged: number;
  lost: number;
  duplicated: number;
  /** Writes never acknowledged: refused for good, or given up when the load's deadline passed. */
  unfinished: number;
  /** Every failed request of the clients by code, and PENDING answers. */
  errors: Tally;
  /** From the kill until everything killed ran again, status was healthy and a write succeeded. */
  recoverySeconds: number | undefined;
  /** What reconcile found over every org. */
  differences: number;
  findings: string[];
}

/** After the load and the recovery: how long unacknowledged writes keep trying. */
const DRAIN_MS = 60_000;
/** How long read models get to apply what the ledger holds before a missing write counts as lost. */
const CATCH_UP_MS = 60_000;

/** Whether the drill found nothing lost or duplicated, reconcile clean and every fault recovered in time. */
export function drillPassed(results: readonly FaultResult[], faults: readonly FaultName[]): boolean {
  return (
    results.length === faults.length &&
    results.every(
      (result) =>
        result.lost === 0 &&
        result.duplicated === 0 &&
        result.differences === 0 &&
        result.recoverySeconds !== undefined,
    )
  );
}

async function allHealthy(ctx: NetworkContext): Promise<boolean> {
  return statusExitCode(await consortiumReports(ctx)) === 0;
}

async function becomesHealthy(ctx: NetworkContext, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!(await allHealthy(ctx))) {
    if (Date.now() > deadline) return false;
    await sleep(1_000);
  }
  return true;
}

/** One fault under load: inject, measure the recovery, let the load finish, verify its writes. */
async function drillFault(
  consortium: DrillConsortium,
  fault: Fault,
  prefix: string,
  options: DrillOptions,
): Promise<FaultResult> {
  const { ctx, buyerId } = consortium;
  const errors = new Tally();
  const writers = consortium.clerks.map(
    (clerk) => new InvoiceWriter(clerk.client, { buyerId, documentSha256: clerk.documentSha256 }, errors),
  );
  const [prober, ...loaders] = writers;
  if (!prober || loaders.length === 0) throw new Error('the drill needs at least two clerks');
  const loadMs = options.loadSeconds * 1000;
  const boundMs = options.boundSeconds * 1000;
  const started = Date.now();
  const load = runWriteLoad(loaders, {
    prefix,
    until: started + loadMs,
    giveUpAt: started + loadMs + boundMs + DRAIN_MS,
  });
  await sleep(Math.min(loadMs / 4, 10_000));
  const killed = await fault.inject();
  const injectedAt = Date.now();
  options.log(`${fault.name}: killed ${killed}`);

  // The probe: one write with a key of its own, tried once per round of the recovery check.
  const probe: DrillWrite = { key: `drill:${prefix}:probe`, number: `${prefix}-probe` };
  const progress: Progress = { askStatus: false };
  let probed: Acknowledgement | undefined;
  const writes = async (): Promise<boolean> => {
    if (probed === undefined) probed = await prober.attempt(probe, progress);
    return probed !== undefined;
  };
  const healthy = (): Promise<boolean> => allHealthy(ctx);
  const recoverySeconds = await awaitRecovery({ fault, healthy, writes }, injectedAt, boundMs);
  options.log(
    recoverySeconds === undefined
      ? `${fault.name}: NOT recovered within ${String(options.boundSeconds)} s`
      : `${fault.name}: recovered in ${recoverySeconds.toFixed(1)} s (status healthy, a write succeeded)`,
  );
  const outcomes = await load;
  if (probed) outcomes.push({ write: probe, acknowledged: probed, secondTransaction: false });
  const acknowledged = outcomes.filter((outcome) => outcome.acknowledged).length;
  options.log(
    `${fault.name}: verifying ${String(acknowledged)} acknowledged writes on the ledger and in every read model`,
  );
  const verification = await verifyWrites(ctx, outcomes, CATCH_UP_MS);
  for (const finding of verification.findings) options.log(`${fault.name}: ${finding}`);
  return {
    fault: fault.name,
    description: fault.description,
    acknowledged,
    lost: verification.lost,
    duplicated: verification.duplicated,
    unfinished: outcomes.length - acknowledged,
    errors,
    recoverySeconds,
    differences: verification.differences,
    findings: verification.findings,
  };
}

/**
 * The drill: a fresh consortium under the watch's own supervisor (in-process), then for each fault a
 * bounded write load through the supplier org's node API, the fault injected under it, the time until
 * the consortium healed itself, and every acknowledged write verified. Stops at the first fault not
 * recovered within the bound (what follows would measure the wreck). Removes the consortium at the
 * end, also when something fails.
 */
export async function runDrill(options: DrillOptions): Promise<FaultResult[]> {
  const consortium = await startDrillConsortium({
    orderers: options.orderers,
    clerks: options.clients + 1,
    log: options.log,
  });
  const { ctx } = consortium;
  const supervisor = new Supervisor({
    observe: () => consortiumReports(ctx),
    restarters: consortiumRestarters(ctx),
    stopRequested: () => stopRequested(ctx.paths),
    log: (line) => {
      options.log(`[watch] ${line}`);
    },
    intervalMs: options.watchIntervalMs,
  });
  const watching = supervisor.run();
  const results: FaultResult[] = [];
  try {
    const faults = faultsNamed({ ctx, reports: () => consortiumReports(ctx) }, options.faults);
    const run = Date.now().toString(36).toUpperCase();
    for (const fault of faults) {
      if (!(await becomesHealthy(ctx, options.boundSeconds * 1000))) {
        throw new Error(`the consortium is not healthy before ${fault.name}: npm run status would say why`);
      }
      options.log(`${fault.name}: ${fault.description}, under ${String(options.loadSeconds)} s of load`);
      const result = await drillFault(consortium, fault, `DRILL-${run}-${fault.name}`, options);
      results.push(result);
      if (result.recoverySeconds === undefined) break;
    }
    return results;
  } finally {
    supervisor.stop();
    await supervisor.idle();
    await watching;
    await clean(ctx);
  }
}
