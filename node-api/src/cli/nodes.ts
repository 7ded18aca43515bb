#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { openNetwork, type NetworkContext } from '@scf/network';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_ROLES, demoEnterprise } from '../demo/demo-consortium.ts';
import { NodeClient } from '../demo/graphql-client.ts';
import { seedDilution } from '../demo/dilution-seed.ts';
import { seedQuoteRequest } from '../demo/quote-request-seed.ts';
import { seedDispute } from '../demo/dispute-seed.ts';
import { seedEarlyPayment } from '../demo/early-payment-seed.ts';
import { seedFourEyes } from '../demo/four-eyes-seed.ts';
import { seedRecourse } from '../demo/recourse-seed.ts';
import { seedDemo } from '../demo/seed.ts';
import { seedWarehouseReceipts } from '../demo/warehouse-seed.ts';
import { seedWriteOffs } from '../demo/write-off-seed.ts';
import { nodeUrl, portalUrl } from './node-env.ts';
import { writeHistory } from './history-process.ts';
import { ensureNodes, ensurePortals } from './node-processes.ts';
import { ensureRegistry, registryUrl } from './registry-process.ts';

const USAGE = `usage: node node-api/src/cli/nodes.ts <command> [--state-dir DIR]

commands:
  up      start (or restore) the test registry, one node API and one portal per member org of the running network
  seed    load the demo consortium through the node APIs, once (--invoices N, default 200)
  info    print each org's node API and portal, and the demo logins
`;

/** Marks unpaid vouchers past maturity as OVERDUE, as anyone may (here the core enterprise's approver). */
async function sweepOverdue(coreUrl: string): Promise<number> {
  const approver = await new NodeClient(coreUrl).login(
    `${demoEnterprise('core').login}.approver`,
    DEMO_PASSWORD,
  );
  const swept = await approver.request<{ sweepOverdue: { count: number } }>(
    'mutation { sweepOverdue(limit: 200) { count } }',
  );
  return swept.sweepOverdue.count;
}

/** Seeds the demo consortium once per state folder (a marker file records that it is done). */
async function seed(ctx: NetworkContext, invoices: number): Promise<void> {
  const marker = join(ctx.paths.root, 'nodes', 'demo-seeded.json');
  if (existsSync(marker)) {
    ctx.log('demo data already loaded');
    return;
  }
  const urls = Object.fromEntries(ctx.topology.members.map((member) => [member.name, nodeUrl(member)]));
  const started = Date.now();
  const log = (message: string): void => {
    ctx.log(`demo: ${message}`);
  };
  const history = async (): Promise<void> => {
    log('history: the past twelve months, day by day');
    log(`history: ${await writeHistory(ctx)}`);
  };
  const summary = await seedDemo({ urls, invoices, log, afterSetup: history });
  const overdue = await sweepOverdue(urls.core ?? '');
  const disputed = await seedDispute(urls.core ?? '');
  const early = await seedEarlyPayment(urls);
  const writeOff = await seedWriteOffs(urls);
  const recourse = await seedRecourse(urls);
  const dilution = await seedDilution(urls);
  const warehouse = await seedWarehouseReceipts(urls);
  const quotes = await seedQuoteRequest(urls);
  const fourEyes = await seedFourEyes(urls);
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(marker, JSON.stringify({ ...summary, seconds, at: new Date().toISOString() }, null, 2));
  ctx.log(
    `demo loaded in ${seconds}s: ${summary.invoices} invoices, ${summary.confirmed} vouchers, ` +
      `${summary.transfers} passed to tier 2 (${summary.awaitingConsent} awaiting consent), ` +
      `${summary.longTerm} long-term, ${summary.financings} financings (${summary.disbursed} registered at the ` +
      `test registry and disbursed), ` +
      `${overdue} overdue (${disputed === undefined ? 'none' : 'one'} partly disputed), ${fourEyes.pending} action(s) awaiting a second approver, ` +
      `${early.voucherId === undefined ? 'no voucher' : 'one voucher'} paid early, bank A's ` +
      `${writeOff.stages} write-off stages and ${writeOff.financingId === undefined ? 'no' : 'one'} financing written off, ` +
      `bank B's buy-back demanded of ${recourse === undefined ? 'no' : 'one'} overdue financing with recourse, ` +
      `${dilution.acceptedId === undefined ? 'no' : 'one'} credit note diluting a financed voucher and ` +
      `${dilution.pendingId === undefined ? 'none' : 'one'} pending, ` +
      `${warehouse.financingId === undefined ? 'no' : 'one'} warehouse receipt financed at bank B and ` +
      `${warehouse.releasedId === undefined ? 'none' : 'one'} released, ` +
      `${quotes === undefined ? 'no' : 'one'} request for quotes with offers from banks A and B`,
  );
}

function info(ctx: NetworkContext): void {
  const lines = ['', 'org        node API                                portal'];
  for (const member of ctx.local.members) {
    lines.push(`${member.name.padEnd(10)} ${`${nodeUrl(member)}/graphql`.padEnd(39)} ${portalUrl(member)}`);
  }
  lines.push(
    '',
    `test registry (中登 stand-in) ${registryUrl(ctx)}/registrations`,
    '',
    `demo logins (password for all: ${DEMO_PASSWORD}); log in at your org's portal or node API:`,
  );
  for (const member of ctx.local.members) {
    const logins = DEMO_ENTERPRISES.filter((e) => e.org === member.name).flatMap((e) =>
      DEMO_ROLES.map((role) => `${e.login}.${role}`),
    );
    lines.push(`  ${member.name.padEnd(10)} admin, ${logins.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'state-dir': { type: 'string' },
      invoices: { type: 'string', default: process.env.SCF_DEMO_INVOICES ?? '200' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const ctx = openNetwork({ stateDir: values['state-dir'] });
  switch (command) {
    case 'up': {
      const started = Date.now();
      // Banks register at it before they disburse: up before the node APIs that use it. An org's own
      // host names its real registry access instead (SCF_REGISTRY_URL), and runs no test registry.
      if (process.env.SCF_REGISTRY_URL === undefined) await ensureRegistry(ctx);
      await ensureNodes(ctx, ctx.local.members);
      await ensurePortals(ctx, ctx.local.members);
      ctx.log(`node APIs and portals up in ${Math.round((Date.now() - started) / 1000)}s`);
      return 0;
    }
    case 'seed': {
      const invoices = Number(values.invoices);
      if (!Number.isInteger(invoices) || invoices < 0) throw new Error(`--invoices must be a whole number`);
      await seed(ctx, invoices);
      return 0;
    }
    case 'info':
      info(ctx);
      return 0;
    default:
      process.stderr.write(`unknown command ${command}\n${USAGE}`);
      return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
