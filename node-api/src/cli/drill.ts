#!/usr/bin/env node
/**
 * npm run drill: the consortium's fault drill (drill/drill.ts) on a fresh consortium of its own; prints
 * progress on stderr and the table on stdout; exits 1 if a write was lost or duplicated, reconcile found
 * a difference, or a fault was not recovered within the bound.
 */
import { parseArgs } from 'node:util';
import { WATCH_INTERVAL_MS } from '@scf/network';
import { drillPassed, runDrill } from '../drill/drill.ts';
import { drillTable } from '../drill/drill-table.ts';
import { FAULT_NAMES, isFaultName, type FaultName } from '../drill/faults.ts';

const USAGE = `usage: npm run drill [-- options]

Starts a fresh consortium on free ports (in a temporary folder, removed at the end) under the watch,
then for each fault: a bounded write load through the supplier org's node API (registerInvoice with a
clientRequestId, retried with it), the fault injected, the time until status is healthy and a write
succeeds, every acknowledged write checked on the ledger and in every org's read model, reconcile.

options:
  --seconds N        seconds of write load per fault (default 60)
  --faults A,B       the faults to run (default all): ${FAULT_NAMES.join(', ')}
  --bound N          seconds a fault may take to heal (default 120)
  --clients N        concurrent writing clients (default 4)
  --watch-ms N       how often the watch looks (default ${String(WATCH_INTERVAL_MS)}, as npm start's)
`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a positive integer`);
  return value;
}

class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(message: string) {
    super(message);
    this.name = UsageError.name;
  }
}

function faultList(raw: string | undefined): FaultName[] {
  if (raw === undefined) return [...FAULT_NAMES];
  return raw.split(',').map((name) => {
    if (!isFaultName(name)) throw new UsageError(`unknown fault "${name}"`);
    return name;
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      faults: { type: 'string' },
      bound: { type: 'string' },
      clients: { type: 'string' },
      'watch-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const faults = faultList(values.faults);
  const boundSeconds = positive('bound', values.bound, 120);
  const started = Date.now();
  const results = await runDrill({
    faults,
    loadSeconds: positive('seconds', values.seconds, 60),
    boundSeconds,
    clients: positive('clients', values.clients, 4),
    watchIntervalMs: positive('watch-ms', values['watch-ms'], WATCH_INTERVAL_MS),
    orderers: 3,
    log: (line) => void process.stderr.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
  });
  process.stdout.write(drillTable(results, boundSeconds));
  const passed = drillPassed(results, faults);
  process.stdout.write(
    `${passed ? 'PASSED' : 'FAILED'}: ${String(results.length)} of ${String(faults.length)} faults in ` +
      `${((Date.now() - started) / 60_000).toFixed(1)} min\n`,
  );
  return passed ? 0 : 1;
}

// Ctrl-C: exit through Node's 'exit' handlers, where the fresh network kills every process it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`drill interrupted (${signal}): killing its consortium\n`);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`drill failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
