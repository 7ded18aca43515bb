import { isFounding } from './config.ts';
import type { NetworkContext } from './context.ts';
import { describeShare } from './local-nodes.ts';
import { endpoint, localAddress } from './hosts.ts';
import type { Topology } from './topology.ts';

/** Member orgs whose processes bind another address than the one they advertise (shown above). */
function bindNotes(topology: Topology): string[] {
  const notes = topology.members
    .filter((org) => org.peer.listenHost !== org.peer.host)
    .map((org) => `  ${org.name} binds ${org.peer.listenHost}`);
  return notes.length > 0 ? [...notes, ''] : [];
}

/** Member orgs that are not in the genesis block: they join the live channel with `join`. */
function joinNotes(topology: Topology): string[] {
  const notes = topology.members
    .filter((org) => !isFounding(org))
    .map(
      (org) =>
        `  ${org.name} is not a founding member: it joins with \`npm run network -- join --org ${org.name}\``,
    );
  return notes.length > 0 ? [...notes, ''] : [];
}

/** Where this state folder's logs are and how to check and stop it: the one-box demo, or one host's share. */
function footer(ctx: NetworkContext): string[] {
  const { paths, share } = ctx;
  if (!share) {
    return [
      `  state folder: ${paths.root}`,
      `  logs:         ${paths.logs}`,
      `  health:       npm run network -- status`,
      `  stop:         npm stop (or Ctrl-C where npm start runs)`,
    ];
  }
  const dir = `--state-dir ${paths.root}`;
  return [
    `  this host runs: ${describeShare(share)} (the rest of the consortium runs on its own hosts)`,
    `  state folder:   ${paths.root}`,
    `  logs:           ${paths.logs}`,
    `  health:         npm run status -- ${dir}`,
    `  stop:           npm stop -- ${dir}`,
  ];
}

/** A human-readable map of the running network: what listens where, and where its logs are. */
export function describeNetwork(ctx: NetworkContext): string {
  const { topology, tools } = ctx;
  const { config, members, ordererOrg } = topology;
  const lines = [
    '',
    `Consortium network: channel "${config.channel}", chaincode "${config.chaincode.name}", Fabric ${tools.version}`,
    '',
    `  ${'org'.padEnd(10)} ${'MSP'.padEnd(14)} ${'CA'.padEnd(16)} ${'peer'.padEnd(16)} ${'peer ops'.padEnd(16)} chaincode server`,
    ...members.map(
      (org) =>
        `  ${org.name.padEnd(10)} ${org.mspId.padEnd(14)} ${`${org.ca.host}:${org.ca.port}`.padEnd(16)} ` +
        `${`${org.peer.host}:${org.peer.port}`.padEnd(16)} ${endpoint(localAddress(org.peer.listenHost), org.peer.opsPort).padEnd(16)} ` +
        `${org.peer.host}:${org.peer.chaincodeServerPort}`,
    ),
    `  ${ordererOrg.name.padEnd(10)} ${ordererOrg.mspId.padEnd(14)} ${`${ordererOrg.ca.host}:${ordererOrg.ca.port}`.padEnd(16)}`,
    ...ordererOrg.orderers.map(
      (node) =>
        `    ${node.name.padEnd(10)} at ${node.host}:${node.port}  admin ${node.adminPort}  ops ${node.opsPort}` +
        (node.listenHost === node.host ? '' : `  (binds ${node.listenHost})`),
    ),
    '',
    ...bindNotes(topology),
    ...joinNotes(topology),
    ...footer(ctx),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
