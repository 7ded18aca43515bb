#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { deployChaincode } from './chaincode.ts';
import { CHAINCODE_USAGE, chaincodeCommand } from './chaincode-command.ts';
import { changeFromOptions, PROPOSE_USAGE } from './change-options.ts';
import { describeChange } from './channel-change.ts';
import { countedSigners, describeNeed, type PolicyNeed } from './channel-policy.ts';
import { CHARTER_USAGE, charterCommand } from './charter-command.ts';
import { ConfigError } from './config.ts';
import type { NetworkContext } from './context.ts';
import { checkedDefinition, importDefinition } from './definition-import.ts';
import { definitionFingerprint } from './definition-fingerprint.ts';
import { handOver } from './handover.ts';
import { JOIN_USAGE, joinCommand } from './join-command.ts';
import { RUN_RULE } from './local-nodes.ts';
import { fabricRestarters } from './fabric-restarters.ts';
import { fabricReports } from './fabric-status.ts';
import { clean, down as stopAll, openNetwork, up } from './network.ts';
import { writeOrgDefinition } from './org-definition.ts';
import { formatPublicJson } from './public-file.ts';
import { exportOrgDefinition } from './org-export.ts';
import { formatReports, statusExitCode } from './process-report.ts';
import { knownProcesses } from './processes.ts';
import { leaveAsConsenter, rejoinAsConsenter } from './consenter-node.ts';
import { propose } from './propose.ts';
import { readProposal, writeProposal } from './proposal.ts';
import { signProposal } from './sign-proposal.ts';
import { submitProposals } from './submit-proposal.ts';
import { describeNetwork } from './summary.ts';
import { enrollUser, ROLES, UserError, type Role } from './users.ts';
import { watchInForeground } from './watch.ts';

const USAGE = `usage: npm run network -- <command> [options]

commands:
  up        start (or restore) every node, create the channel, deploy the chaincode. With
            --run LIST (saved in the state folder by the first up) only this host's share of
            the consortium: ${RUN_RULE}. Such a host's orgs join by \`join\` and run the
            chaincode by \`chaincode\`; see the operator guide (docs/operator-guide.md)
  import    import FILE [FILE…] [--fingerprint SHA256 per file]: other orgs' exported definitions,
            into this host's consortium folder (the genesis block, join and the peer CLI read them);
            a file whose fingerprint is not the one its org's operator read out is refused
  handover  handover ORDERER --out DIR: on the ordering org's CA host, the state folder of a
            host that runs ORDERER (its identity, the org admin's, public files; no CA key)
  deploy    deploy the current chaincode build (next sequence if it changed)
  status    every Fabric process: alive, answering, ledger height against the highest, Raft
            leader; exits 1 if any is not healthy (--json for machines). npm run network --
            status runs the consortium's status instead, which adds node APIs and portals
  info      what runs where: ports, logs, state folder
  user      register and enroll a user: --org O --name N --enterprise ID --role ${ROLES.join('|')}
  export    print an org's public definition (its CA roots, admin certificate, endpoints; no key)
            for other orgs to build or join a channel with: --org NAME [--out FILE]
  propose   propose KIND --org ORG --out FILE: a channel change as a proposal file, computed by
            ORG's admin from the newest config block, unsigned. KIND and its options:
${PROPOSE_USAGE}
  sign      sign FILE --org ORG [--out FILE]: ORG's admin checks the update is the stated change
            and signs it (in place, or a signed copy to --out)
  submit    submit FILE [FILE…] --org ORG: merge the signed copies, count the signing orgs against
            the policy the change needs, send it to an orderer if met (ORG's signature counts too)
  consenter on an orderer's host, after the channel changed its consenters: leave --name ordererN
            drops the channel from an orderer no longer a consenter (ledger, Raft log); rejoin
            --name ordererN joins it again with the newest config block once a consenter again
            (it pulls the blocks it misses, then takes part in Raft)
${JOIN_USAGE}
${CHAINCODE_USAGE}
${CHARTER_USAGE}
  watch     stay in the foreground restarting dead Fabric processes and stuck orderers until
            Ctrl-C, then stop the network (npm run network -- watch heals node APIs and
            portals too)
  units     (npm run network -- units --org NAME --out DIR [--user U]) systemd units for one
            org's processes; runs node-api/src/cli/consortium.ts
  down      stop every process the network started
  clean     stop, then delete the state folder (ledgers, certificates, logs)

options:
  --state-dir DIR   state folder (default .state, or SCF_STATE_DIR)
  --config FILE     consortium config (default network/config/consortium.json)
  --base-port N     first port of the network (default from the config, or SCF_BASE_PORT)
  --orderers N      number of Raft orderers, 1 to 6 (default 3, or SCF_ORDERERS)
  --no-deploy       with up: do not deploy the chaincode
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'state-dir': { type: 'string' },
    config: { type: 'string' },
    'base-port': { type: 'string' },
    orderers: { type: 'string' },
    'no-deploy': { type: 'boolean' },
    org: { type: 'string' },
    name: { type: 'string' },
    enterprise: { type: 'string' },
    role: { type: 'string' },
    out: { type: 'string' },
    definition: { type: 'string' },
    msp: { type: 'string' },
    'org-msp': { type: 'string' },
    peer: { type: 'string' },
    timeout: { type: 'string' },
    'max-messages': { type: 'string' },
    'preferred-max-bytes': { type: 'string' },
    'orderer-definition': { type: 'string' },
    current: { type: 'boolean' },
    proposal: { type: 'string' },
    'add-member': { type: 'string' },
    'remove-member': { type: 'string' },
    kinds: { type: 'string' },
    json: { type: 'boolean' },
    run: { type: 'string' },
    fingerprint: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
});

function intOption(value: string | undefined, env: string | undefined): number | undefined {
  const text = value ?? env;
  if (text === undefined || text === '') return undefined;
  const number = Number(text);
  if (!Number.isInteger(number)) throw new ConfigError(`expected an integer, got "${text}"`);
  return number;
}

function context(): NetworkContext {
  return openNetwork({
    stateDir: values['state-dir'],
    configFile: values.config,
    overrides: {
      basePort: intOption(values['base-port'], process.env.SCF_BASE_PORT),
      orderers: intOption(values.orderers, process.env.SCF_ORDERERS),
    },
    // Test networks only: the chaincode servers also serve the test-only contract.
    testContracts: process.env.SCF_CHAINCODE_TEST_CONTRACTS === '1',
    run: values.run,
  });
}

/**
 * The Fabric processes, judged as `npm run status` judges them (that command, which `npm run network
 * -- status` also runs, adds node APIs and portals).
 */
async function status(ctx: NetworkContext): Promise<number> {
  const reports = await fabricReports(ctx);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ healthy: statusExitCode(reports) === 0, processes: reports }, null, 2)}\n`,
    );
  } else if (reports.length === 0) {
    process.stdout.write(`network is not running (state ${ctx.paths.root})\n`);
  } else {
    process.stdout.write(formatReports(reports));
    if (knownProcesses(ctx.paths).some((name) => !reports.some((report) => report.name === name))) {
      process.stdout.write('node APIs and portals are not checked here: npm run status\n');
    }
  }
  return statusExitCode(reports);
}

async function user(ctx: NetworkContext): Promise<number> {
  const { org, name, enterprise, role } = values;
  if (!org || !name || !enterprise || !role)
    throw new UserError('user needs --org, --name, --enterprise and --role');
  const enrolled = await enrollUser(ctx, { org, name, enterpriseId: enterprise, role: role as Role });
  process.stdout.write(
    `${JSON.stringify({ mspId: enrolled.mspId, cert: enrolled.cert, key: enrolled.key }, null, 2)}\n`,
  );
  return 0;
}

/** Prints or writes (mode 644) the org's public definition; the orderer org's too. */
function exportDefinition(ctx: NetworkContext): number {
  const { org, out } = values;
  if (!org) throw new ConfigError('export needs --org NAME');
  const definition = exportOrgDefinition(ctx, org);
  const fingerprint = `fingerprint ${definitionFingerprint(definition)}: read it out to the importing operators\n`;
  if (out === undefined) {
    process.stdout.write(formatPublicJson(definition));
    process.stderr.write(fingerprint);
  } else {
    writeOrgDefinition(out, definition);
    process.stdout.write(`wrote the definition of ${definition.mspId} to ${out}\n${fingerprint}`);
  }
  return 0;
}

function orgOption(command: string): string {
  if (!values.org) throw new ConfigError(`${command} needs --org NAME (the org whose admin acts)`);
  return values.org;
}

function needLine(need: PolicyNeed): string {
  return `${describeNeed(need)} (${need.policy}: ${need.orgs.join(', ')})`;
}

/** Computes a change as a proposal file and says what it changes and whose signatures it needs. */
async function proposeChange(ctx: NetworkContext): Promise<number> {
  const org = orgOption('propose');
  const { out } = values;
  if (!out) throw new ConfigError('propose needs --out FILE');
  const change = changeFromOptions(positionals[1], values);
  const { proposal, changes, needs } = await propose(ctx, org, change);
  writeProposal(out, proposal);
  const lines = [
    `wrote ${out}: a proposal by ${proposal.proposedBy} for channel "${proposal.channel}", based on config block ${proposal.basedOnConfigBlock}`,
    `  change:  ${describeChange(change)}`,
    ...changes.map((item, index) => `  ${index === 0 ? 'updates:' : '        '} ${item}`),
    ...needs.map((need, index) => `  ${index === 0 ? 'needs:  ' : '        '} ${needLine(need)}`),
    'each admin that signs runs, on its own host: npm run network -- sign FILE --org ORG --out SIGNED_COPY',
    'then one of them: npm run network -- submit SIGNED_COPY… --org ORG (its own signature counts)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Shows the statement, then has the org's admin check and sign it. */
async function signChange(ctx: NetworkContext): Promise<number> {
  const org = orgOption('sign');
  const file = positionals[1];
  if (!file) throw new ConfigError('sign needs the proposal FILE');
  const proposal = readProposal(file);
  process.stdout.write(
    `proposal by ${proposal.proposedBy} for channel "${proposal.channel}" (config block ${proposal.basedOnConfigBlock}):\n` +
      `  ${describeChange(proposal.change)}\n`,
  );
  const signed = await signProposal(ctx, org, proposal, file);
  const out = values.out ?? file;
  if (signed.already) {
    process.stdout.write(`checked: the update is this change; it already carries ${org}'s admin signature\n`);
    if (out !== file) writeProposal(out, signed.proposal);
    return 0;
  }
  writeProposal(out, signed.proposal);
  process.stdout.write(`checked: the update is this change; signed by ${org}'s admin into ${out}\n`);
  return 0;
}

/** Merges the signed copies, counts them against the policies, submits, reports the new config block. */
async function submitChange(ctx: NetworkContext): Promise<number> {
  const org = orgOption('submit');
  const files = positionals.slice(1);
  if (files.length === 0) throw new ConfigError('submit needs one or more proposal FILEs');
  const submitted = await submitProposals(ctx, org, files);
  const lines = [
    ...submitted.ignored.map(
      (mspId) => `ignored a signature claiming ${mspId}: it does not verify over the update`,
    ),
    `signed by ${submitted.signedBy.join(', ')} (${org} as submitter)`,
    ...submitted.needs.map(
      (need) =>
        `  ${needLine(need)}: ${countedSigners(need, submitted.signedBy).length} signed, needs ${need.needed}`,
    ),
    `submitted to ${submitted.orderer}; config block ${submitted.configBlock} holds the change`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * Imports each named definition file, the i-th checked against the i-th `--fingerprint` when given;
 * every file is checked before any is taken. Prints what each changed and its fingerprint.
 */
function importDefinitions(ctx: NetworkContext): number {
  const files = positionals.slice(1);
  if (files.length === 0) throw new ConfigError('import needs one or more definition FILEs');
  const expected = values.fingerprint;
  if (expected && expected.length !== files.length) {
    throw new ConfigError(
      `import got ${files.length} file(s) but ${expected.length} --fingerprint(s): one per file`,
    );
  }
  for (const [index, file] of files.entries()) checkedDefinition(ctx, file, expected?.[index]);
  for (const [index, file] of files.entries()) {
    const { org, outcome, fingerprint } = importDefinition(ctx, file, expected?.[index]);
    process.stdout.write(`${org}: ${outcome} (${ctx.paths.definition(org)})\n  fingerprint ${fingerprint}\n`);
  }
  if (!expected) {
    process.stdout.write(
      "compare each fingerprint with the one its org's operator read out (or pass --fingerprint per file)\n",
    );
  }
  return 0;
}

/** `consenter leave|rejoin --name ordererN` on the orderer's own host. */
async function consenterCommand(ctx: NetworkContext): Promise<number> {
  const [, action] = positionals;
  const { name } = values;
  if (!name || (action !== 'leave' && action !== 'rejoin')) {
    throw new ConfigError('consenter needs leave or rejoin, and --name ordererN');
  }
  if (action === 'leave') {
    const left = await leaveAsConsenter(ctx, name);
    process.stdout.write(
      left ? `${name} left the channel: its ledger of it is gone\n` : `${name} held no channel\n`,
    );
    return 0;
  }
  const { joined, configBlock } = await rejoinAsConsenter(ctx, name);
  process.stdout.write(
    joined
      ? `${name} joined with config block ${String(configBlock)}, caught up and knows the Raft leader\n`
      : `${name} holds the channel already (run consenter leave first if it was removed before)\n`,
  );
  return 0;
}

function handOverOrderer(ctx: NetworkContext): number {
  const [, name] = positionals;
  const { out } = values;
  if (!name || !out) throw new ConfigError('handover needs the ORDERER name and --out DIR');
  const copied = handOver(ctx, name, out);
  process.stdout.write(
    `wrote the state folder of ${name}'s host to ${out} (${copied.length} items); move it there (it holds ` +
      `${name}'s and the org admin's keys), then run: npm run network -- up --state-dir DIR\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const ctx = context();
  switch (command) {
    case 'up': {
      const result = await up(ctx, { deploy: !values['no-deploy'] });
      if (!result.alreadyRunning) process.stdout.write(describeNetwork(ctx));
      return 0;
    }
    case 'deploy': {
      const result = await deployChaincode(ctx);
      process.stdout.write(
        `chaincode ${result.label} at sequence ${result.sequence}${result.committed ? ' committed' : ' (unchanged)'}\n`,
      );
      return 0;
    }
    case 'status':
      return status(ctx);
    case 'info':
      process.stdout.write(describeNetwork(ctx));
      return 0;
    case 'user':
      return user(ctx);
    case 'export':
      return exportDefinition(ctx);
    case 'import':
      return importDefinitions(ctx);
    case 'handover':
      return handOverOrderer(ctx);
    case 'propose':
      return proposeChange(ctx);
    case 'sign':
      return signChange(ctx);
    case 'submit':
      return submitChange(ctx);
    case 'join':
      return joinCommand(ctx, values);
    case 'consenter':
      return consenterCommand(ctx);
    case 'chaincode':
      return chaincodeCommand(ctx, positionals[1], values);
    case 'charter':
      return charterCommand(ctx, positionals[1], values);
    case 'watch':
      return watchInForeground(ctx, { observe: () => fabricReports(ctx), restarters: fabricRestarters(ctx) });
    case 'down': {
      const stopped = await stopAll(ctx);
      process.stdout.write(stopped.length > 0 ? `stopped ${stopped.join(', ')}\n` : 'nothing was running\n');
      return 0;
    }
    case 'clean':
      await clean(ctx);
      process.stdout.write(`removed ${ctx.paths.root}\n`);
      return 0;
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  },
);
