#!/usr/bin/env node
import { parseArgs } from 'node:util';
import {
  fabricUnits,
  findMember,
  formatReports,
  openNetwork,
  statusExitCode,
  watchInForeground,
  writeUnits,
  type NetworkContext,
} from '@scf/network';
import { consortiumReports, consortiumRestarters } from './consortium-processes.ts';
import { nodeUnits } from './node-units.ts';

const USAGE = `usage: npm run status [-- --json]
       npm run network -- status|watch|units [options]

commands (each takes --state-dir DIR, default .state or SCF_STATE_DIR):
  status   every process of every org's node: CAs, orderers (Raft leader, ledger height), peers
           (ledger height against the highest), chaincode servers, node APIs (database, peer, CA,
           projector lag, quarantined events), portals. One line each; exits 1 if any is not
           healthy or nothing runs. --json prints the same as JSON.
  watch    what npm start ends in: every 5 s the same checks; restarts dead processes (pausing
           1 s, doubling to 60 s while one keeps dying) and orderers that run but are stuck;
           reports the rest. Ctrl-C stops everything; npm stop elsewhere ends it.
  units    --org NAME --out DIR [--user USER]: systemd units for one org's processes (member:
           CA, peer, chaincode server, node API, portal; orderer org: CA, orderers), each with
           Restart=on-failure and the environment npm start gives it (an .env file beside it),
           and scf-NAME.target that wants them all.
`;

async function status(ctx: NetworkContext, json: boolean): Promise<number> {
  const reports = await consortiumReports(ctx);
  const code = statusExitCode(reports);
  if (json) {
    process.stdout.write(`${JSON.stringify({ healthy: code === 0, processes: reports }, null, 2)}\n`);
  } else {
    process.stdout.write(
      reports.length === 0
        ? `the consortium is not running (state ${ctx.paths.root})\n`
        : formatReports(reports),
    );
  }
  return code;
}

async function units(
  ctx: NetworkContext,
  org: string | undefined,
  out: string | undefined,
  user?: string,
): Promise<number> {
  if (!org || !out) {
    process.stderr.write(`units needs --org NAME and --out DIR\n\n${USAGE}`);
    return 2;
  }
  const fabric = fabricUnits(ctx, org);
  const member = ctx.topology.members.some((candidate) => candidate.name === org);
  const specs = member ? [...fabric, ...(await nodeUnits(ctx, findMember(ctx.topology, org)))] : fabric;
  const written = writeUnits(specs, {
    org,
    dir: out,
    workingDirectory: ctx.paths.root,
    user,
    generatedBy: `npm run network -- units --org ${org}`,
  });
  process.stdout.write(
    `wrote ${specs.length} units for ${org} and scf-${org}.target to ${out}:\n` +
      written.map((file) => `  ${file}\n`).join('') +
      `install: cp ${out}/scf-* /etc/systemd/system/ && systemctl daemon-reload && systemctl enable --now scf-${org}.target\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'state-dir': { type: 'string' },
      json: { type: 'boolean' },
      org: { type: 'string' },
      out: { type: 'string' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const ctx = openNetwork({ stateDir: values['state-dir'] });
  switch (command) {
    case 'status':
      return status(ctx, values.json === true);
    case 'watch':
      return watchInForeground(ctx, {
        observe: () => consortiumReports(ctx),
        restarters: consortiumRestarters(ctx),
      });
    case 'units':
      return units(ctx, values.org, values.out, values.user);
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
