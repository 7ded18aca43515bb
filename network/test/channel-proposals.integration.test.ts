import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCa } from '../scripts/ca.ts';
import { changeFromOptions } from '../scripts/change-options.ts';
import { channelAdmin } from '../scripts/channel-admin.ts';
import { policyNeed, PolicyNotMetError } from '../scripts/channel-policy.ts';
import { fetchConfigBlock, ordererSources, type ConfigBlock } from '../scripts/config-block.ts';
import { loadConfig, portSpan } from '../scripts/config.ts';
import type { ConfigGroup } from '../scripts/config-tree.ts';
import { configtxlator } from '../scripts/configtxlator.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { enrollIdentity } from '../scripts/identities.ts';
import { clean, openNetwork, up } from '../scripts/network.ts';
import { DEFINITION_FORMAT, writeOrgDefinition, type MemberDefinition } from '../scripts/org-definition.ts';
import { findFreeBasePort } from '../scripts/ports.ts';
import { killAllSync } from '../scripts/processes.ts';
import { leaveAsConsenter, rejoinAsConsenter } from '../scripts/consenter-node.ts';
import { submitAs } from '../scripts/ledger-call.ts';
import { waitForRaftLeader } from '../scripts/orderer.ts';
import { propose } from '../scripts/propose.ts';
import { envelopeBytes, readProposal, writeProposal } from '../scripts/proposal.ts';
import { ProposalError } from '../scripts/proposal-error.ts';
import { withScratchDir } from '../scripts/scratch-dir.ts';
import { signProposal } from '../scripts/sign-proposal.ts';
import { submitProposals } from '../scripts/submit-proposal.ts';
import type { CaNode } from '../scripts/topology.ts';

const CLI = fileURLToPath(new URL('../scripts/cli.ts', import.meta.url));
const run = promisify(execFile);
const MEMBERS = ['BankAMSP', 'BankBMSP', 'CoreFirmMSP', 'LogisticsMSP', 'SupplierMSP'];

interface ConsenterJson {
  host: string;
  port: number;
}

/**
 * Issue 11: channel changes as proposal files that each org's admin signs on its own (here: with
 * only its own identity folder), submitted once the policy the change needs is met, on a running
 * consortium with its chaincode deployed. Between orgs pass only public files: a definition, the
 * proposal, the signed copies.
 */
describe('channel changes proposed, signed by each org, submitted once the policy is met', () => {
  let ctx: NetworkContext | undefined;
  /** Ports past the consortium's for bank C's own CA. */
  let bankcPorts = 0;
  const files = mkdtempSync(join(tmpdir(), 'scf-proposals-'));

  const network = (): NetworkContext => {
    if (!ctx) throw new Error('the network did not start');
    return ctx;
  };

  beforeAll(async () => {
    const span = portSpan(loadConfig());
    const basePort = await findFreeBasePort(span + 2);
    bankcPorts = basePort + span;
    const started = openNetwork({
      stateDir: mkdtempSync(join(tmpdir(), 'scf-it-proposals-')),
      overrides: { basePort, orderers: 3 },
      log: () => undefined,
      testContracts: true,
    });
    ctx = started;
    process.once('exit', () => {
      killAllSync(started.paths);
    });
    await up(started);
  });

  afterAll(async () => {
    if (ctx) await clean(ctx);
    rmSync(files, { recursive: true, force: true });
  });

  /** The network CLI, as an org's operator runs it. */
  async function cli(args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [
      '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
      CLI,
      ...args,
      '--state-dir',
      network().paths.root,
    ]);
    return stdout;
  }

  /** `org`'s admin signs its own copy of the proposal and sends it back: the copy's file. */
  async function signCopy(org: string, file: string): Promise<string> {
    const copy = file.replace(/\.json$/, `.${org}.json`);
    const signed = await signProposal(network(), org, readProposal(file), file);
    writeProposal(copy, signed.proposal);
    return copy;
  }

  /** Sends a proposal's envelope as it is to an orderer as `org`'s admin, skipping submit's pre-checks. */
  function sendUnchecked(org: string, file: string): Promise<string> {
    return withScratchDir('it-unchecked', async (dir) => {
      const admin = channelAdmin(network(), org);
      const envelope = join(dir, 'update.pb');
      writeFileSync(envelope, envelopeBytes(readProposal(file)));
      const [orderer] = ordererSources((await configNow()).config, dir);
      if (!orderer) throw new Error('the channel names no orderer');
      return admin.peer(['channel', 'update', '-f', envelope, '-c', admin.channel, ...orderer.args]);
    });
  }

  /** The channel's newest config block, as core's peer has it. */
  function configNow(): Promise<ConfigBlock> {
    return withScratchDir('it-config', (dir) => {
      const admin = channelAdmin(network(), 'core');
      return fetchConfigBlock(admin, configtxlator(network().tools, dir), dir, admin.ownNodes, 'config');
    });
  }

  function members(block: ConfigBlock): Record<string, ConfigGroup> {
    return block.config.channel_group.groups.Application?.groups ?? {};
  }

  /** Bank C's public definition, from its own Fabric CA (started here) and its enrolled admin. */
  async function bankcDefinition(): Promise<MemberDefinition> {
    const ca: CaNode = {
      org: 'bankc',
      name: 'ca-bankc',
      host: '127.0.0.1',
      listenHost: '127.0.0.1',
      port: bankcPorts,
      opsPort: bankcPorts + 1,
    };
    await startCa(network(), ca);
    const admin = await enrollIdentity(network(), ca, { name: 'admin', type: 'admin' });
    const caCertPem = readFileSync(network().paths.caCert('bankc'), 'utf8');
    return {
      format: DEFINITION_FORMAT,
      name: 'bankc',
      mspId: 'BankCMSP',
      role: 'member',
      description: 'bank C',
      caCertPem,
      tlsCaCertPem: caCertPem,
      adminCertPems: [readFileSync(admin.cert, 'utf8')],
      kinds: ['BANK'],
      anchorPeers: [{ host: '127.0.0.1', port: bankcPorts + 2 }],
    };
  }

  it('changes the batch timeout once a majority of member admins signed, not the ordering org alone', async () => {
    const file = join(files, 'batch.json');
    const proposed = await cli(['propose', 'batch', '--timeout', '400ms', '--org', 'orderer', '--out', file]);
    expect(proposed).toContain('updates: [Value] /Channel/Orderer/BatchTimeout');
    expect(proposed).toContain(
      `needs:   admins of 3 of 5 member orgs (/Channel/Orderer/Admins: ${MEMBERS.join(', ')})`,
    );
    const before = await configNow();
    await expect(submitProposals(network(), 'orderer', [file])).rejects.toThrow(
      'signed by OrdererMSP: 0 of 5 member org admins; needs 3 (/Channel/Orderer/Admins',
    );
    // Past the pre-check too: the orderers themselves refuse the ordering org's admin alone.
    await expect(sendUnchecked('orderer', file)).rejects.toThrow(
      /policy for \[Value\] +\/Channel\/Orderer\/BatchTimeout not satisfied/,
    );
    expect((await configNow()).number).toBe(before.number);

    const tampered = join(files, 'batch.tampered.json');
    writeProposal(tampered, { ...readProposal(file), change: { kind: 'batch', timeout: '5s' } });
    const refused = signProposal(network(), 'banka', readProposal(tampered), tampered);
    await expect(refused).rejects.toBeInstanceOf(ProposalError);
    await expect(refused).rejects.toMatchObject({ file: tampered, field: 'envelope' });

    const banka = join(files, 'batch.banka.json');
    expect(await cli(['sign', file, '--org', 'banka', '--out', banka])).toContain(
      "set the orderers' batch timeout to 400ms",
    );
    await expect(submitProposals(network(), 'core', [banka])).rejects.toThrow(
      new PolicyNotMetError(
        { policy: '/Channel/Orderer/Admins', scope: 'member', orgs: MEMBERS, needed: 3 },
        ['BankAMSP', 'CoreFirmMSP'],
      ).message,
    );
    const supplier = await signCopy('supplier', file);
    const submitted = await cli(['submit', banka, supplier, '--org', 'core']);
    expect(submitted).toContain('signed by BankAMSP, CoreFirmMSP, SupplierMSP (core as submitter)');
    const block = Number(/config block (\d+) holds the change/.exec(submitted)?.[1]);
    const after = await configNow();
    expect(after.number).toBe(block);
    expect(block).toBeGreaterThan(before.number);
    expect(after.config.channel_group.groups.Orderer?.values.BatchTimeout?.value).toEqual({
      timeout: '400ms',
    });
  });

  it('adds bank C from its public definition once a majority of member admins signed', async () => {
    const definition = await bankcDefinition();
    const definitionFile = join(files, 'bankc.json');
    writeOrgDefinition(definitionFile, definition);
    const proposed = await propose(
      network(),
      'core',
      changeFromOptions('add-org', { definition: definitionFile }),
    );
    // The orderers' governance follows the members, in the same update.
    expect(proposed.needs).toEqual([
      { policy: '/Channel/Application/Admins', scope: 'member', orgs: MEMBERS, needed: 3 },
      { policy: '/Channel/Orderer/Admins', scope: 'member', orgs: MEMBERS, needed: 3 },
    ]);
    const file = join(files, 'add-bankc.json');
    writeProposal(file, proposed.proposal);

    const banka = await signCopy('banka', file);
    await expect(submitProposals(network(), 'core', [banka])).rejects.toThrow(
      'signed by BankAMSP, CoreFirmMSP: 2 of 5 member org admins; needs 3',
    );
    const supplier = await signCopy('supplier', file);
    const submitted = await submitProposals(network(), 'core', [banka, supplier]);
    expect(submitted.signedBy).toEqual(['BankAMSP', 'CoreFirmMSP', 'SupplierMSP']);

    const adopted = await configNow();
    expect(policyNeed(adopted.config, '/Channel/Orderer/Admins')).toEqual({
      policy: '/Channel/Orderer/Admins',
      scope: 'member',
      orgs: [...MEMBERS, 'BankCMSP'].sort(),
      needed: 4,
    });
    const bankc = members(adopted).BankCMSP;
    expect(Object.keys(bankc?.policies ?? {}).sort()).toEqual([
      'Admins',
      'Endorsement',
      'Readers',
      'Writers',
    ]);
    expect(bankc?.values.AnchorPeers?.value).toEqual({
      anchor_peers: [{ host: '127.0.0.1', port: bankcPorts + 2 }],
    });
    const msp = bankc?.values.MSP?.value as { config: { name: string; root_certs: string[] } };
    expect(msp.config.name).toBe('BankCMSP');
    expect(msp.config.root_certs.map((cert) => Buffer.from(cert, 'base64').toString('utf8'))).toEqual([
      definition.caCertPem,
    ]);
  });

  it('sets an org’s anchor peers with that org’s own admin only', async () => {
    const bankb = network().topology.members.find((org) => org.name === 'bankb');
    if (!bankb) throw new Error('no bankb');
    const file = join(files, 'anchor-bankb.json');
    const change = changeFromOptions('anchor-peers', {
      'org-msp': 'BankBMSP',
      peer: `localhost:${bankb.peer.port}`,
    });
    writeProposal(file, (await propose(network(), 'bankb', change)).proposal);
    await expect(submitProposals(network(), 'core', [file])).rejects.toThrow(
      'signed by CoreFirmMSP: 0 of 1 org admins; needs 1 (/Channel/Application/BankBMSP/Admins',
    );
    await submitProposals(network(), 'bankb', [file]);
    expect(members(await configNow()).BankBMSP?.values.AnchorPeers?.value).toEqual({
      anchor_peers: [{ host: 'localhost', port: bankb.peer.port }],
    });
  });

  it('removes bank C again once a majority of the six member admins signed', async () => {
    const file = join(files, 'remove-bankc.json');
    const proposed = await propose(network(), 'banka', { kind: 'remove-org', mspId: 'BankCMSP' });
    expect(proposed.needs[0]?.needed).toBe(4);
    writeProposal(file, proposed.proposal);
    const copies = [await signCopy('core', file), await signCopy('supplier', file)];
    await expect(submitProposals(network(), 'banka', copies)).rejects.toThrow(
      'signed by BankAMSP, CoreFirmMSP, SupplierMSP: 3 of 6 member org admins; needs 4',
    );
    copies.push(await signCopy('bankb', file));
    const submitted = await submitProposals(network(), 'banka', copies);
    expect(submitted.signedBy).toEqual(['BankAMSP', 'BankBMSP', 'CoreFirmMSP', 'SupplierMSP']);
    const after = await configNow();
    expect(Object.keys(members(after)).sort()).toEqual(MEMBERS);
    expect(policyNeed(after.config, '/Channel/Orderer/Admins').needed).toBe(3);
  });

  /** The channel's Raft consenters' addresses and the ordering org's endpoints, as its config states them. */
  async function raftNow(): Promise<{ consenters: string[]; endpoints: string[] }> {
    const orderer = (await configNow()).config.channel_group.groups.Orderer;
    const metadata = (orderer?.values.ConsensusType?.value as { metadata: { consenters: ConsenterJson[] } })
      .metadata;
    const endpoints = orderer?.groups.OrdererMSP?.values.Endpoints?.value as { addresses: string[] };
    return {
      consenters: metadata.consenters.map((item) => `${item.host}:${String(item.port)}`),
      endpoints: endpoints.addresses,
    };
  }

  /** A note written through the orderers as core's admin, endorsed by core and supplier: it commits. */
  function writeNote(key: string): Promise<string> {
    return submitAs(network(), 'core', { fn: 'test:PutNote', args: [key, 'by core'] }, [
      'CoreFirmMSP',
      'SupplierMSP',
    ]);
  }

  it('removes a Raft consenter with a member majority and the ordering org, then adds it back', async () => {
    const orderer2 = network().topology.ordererOrg.orderers[2];
    if (!orderer2) throw new Error('no orderer2');
    const address = `${orderer2.host}:${String(orderer2.port)}`;
    await expect(
      propose(network(), 'core', { kind: 'remove-consenter', name: 'orderer7' }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_CONSENTER',
      field: 'name',
    });

    const removal = join(files, 'remove-orderer2.json');
    const proposed = await propose(
      network(),
      'core',
      changeFromOptions('remove-consenter', { name: 'orderer2' }),
    );
    expect(proposed.needs).toEqual([
      { policy: '/Channel/Orderer/Admins', scope: 'member', orgs: MEMBERS, needed: 3 },
      { policy: '/Channel/Orderer/OrdererMSP/Admins', scope: 'org', orgs: ['OrdererMSP'], needed: 1 },
    ]);
    writeProposal(removal, proposed.proposal);
    const copies = [await signCopy('orderer', removal)];
    await expect(submitProposals(network(), 'core', copies)).rejects.toThrow(
      'signed by CoreFirmMSP, OrdererMSP: 1 of 5 member org admins; needs 3',
    );
    copies.push(await signCopy('banka', removal), await signCopy('supplier', removal));
    await submitProposals(network(), 'core', copies);
    const removed = await raftNow();
    expect(removed.consenters).toHaveLength(2);
    expect(removed.consenters).not.toContain(address);
    expect(removed.endpoints).not.toContain(address);
    await writeNote('after-removing-orderer2');

    // The operator of orderer2 drops its copy of the channel (its Raft log is of a retired member)...
    expect(await leaveAsConsenter(network(), 'orderer2')).toBe(true);
    const addition = join(files, 'add-orderer2.json');
    const change = changeFromOptions('add-consenter', {
      'orderer-definition': network().paths.definition(network().topology.ordererOrg.name),
      name: 'orderer2',
    });
    writeProposal(addition, (await propose(network(), 'orderer', change)).proposal);
    const signed = [await signCopy('banka', addition), await signCopy('bankb', addition)];
    await expect(submitProposals(network(), 'orderer', signed)).rejects.toThrow(
      'signed by BankAMSP, BankBMSP, OrdererMSP: 2 of 5 member org admins; needs 3',
    );
    signed.push(await signCopy('logistics', addition));
    await submitProposals(network(), 'orderer', signed);
    const added = await raftNow();
    expect(added.consenters).toHaveLength(3);
    expect(added.consenters).toContain(address);
    expect(added.endpoints).toContain(address);

    // ...and joins it again from the newest config block once the channel counts it again.
    expect((await rejoinAsConsenter(network(), 'orderer2')).joined).toBe(true);
    await waitForRaftLeader(network());
    await writeNote('after-adding-orderer2');
  });
});
