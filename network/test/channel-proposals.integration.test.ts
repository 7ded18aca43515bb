import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCa } from '../scripts/ca.ts';
import { changeFromOptions } from '../scripts/change-options.ts';
import { channelAdmin } from '../scripts/channel-admin.ts';
import { PolicyNotMetError } from '../scripts/channel-policy.ts';
import { fetchConfigBlock, type ConfigBlock } from '../scripts/config-block.ts';
import { loadConfig, portSpan } from '../scripts/config.ts';
import type { ConfigGroup } from '../scripts/config-tree.ts';
import { configtxlator } from '../scripts/configtxlator.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { enrollIdentity } from '../scripts/identities.ts';
import { clean, openNetwork, up } from '../scripts/network.ts';
import { DEFINITION_FORMAT, writeOrgDefinition, type MemberDefinition } from '../scripts/org-definition.ts';
import { findFreeBasePort } from '../scripts/ports.ts';
import { killAllSync } from '../scripts/processes.ts';
import { propose } from '../scripts/propose.ts';
import { readProposal, writeProposal } from '../scripts/proposal.ts';
import { ProposalError } from '../scripts/proposal-error.ts';
import { withScratchDir } from '../scripts/scratch-dir.ts';
import { signProposal } from '../scripts/sign-proposal.ts';
import { submitProposals } from '../scripts/submit-proposal.ts';
import type { CaNode } from '../scripts/topology.ts';

const CLI = fileURLToPath(new URL('../scripts/cli.ts', import.meta.url));
const run = promisify(execFile);
const MEMBERS = ['BankAMSP', 'BankBMSP', 'CoreFirmMSP', 'LogisticsMSP', 'SupplierMSP'];

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

  it('changes the batch timeout once the ordering org’s admin signed, and not before', async () => {
    const file = join(files, 'batch.json');
    const proposed = await cli(['propose', 'batch', '--timeout', '400ms', '--org', 'core', '--out', file]);
    expect(proposed).toContain('updates: [Value] /Channel/Orderer/BatchTimeout');
    expect(proposed).toContain('needs:   the admin of OrdererMSP (/Channel/Orderer/Admins: OrdererMSP)');
    const banka = join(files, 'batch.banka.json');
    expect(await cli(['sign', file, '--org', 'banka', '--out', banka])).toContain(
      "set the orderers' batch timeout to 400ms",
    );
    const before = await configNow();
    await expect(submitProposals(network(), 'core', [banka])).rejects.toThrow(
      new PolicyNotMetError(
        { policy: '/Channel/Orderer/Admins', scope: 'orderer', orgs: ['OrdererMSP'], needed: 1 },
        ['BankAMSP', 'CoreFirmMSP'],
      ).message,
    );
    expect((await configNow()).number).toBe(before.number);

    const tampered = join(files, 'batch.tampered.json');
    writeProposal(tampered, { ...readProposal(file), change: { kind: 'batch', timeout: '5s' } });
    const refused = signProposal(network(), 'orderer', readProposal(tampered), tampered);
    await expect(refused).rejects.toBeInstanceOf(ProposalError);
    await expect(refused).rejects.toMatchObject({ file: tampered, field: 'envelope' });

    const orderer = join(files, 'batch.orderer.json');
    await cli(['sign', file, '--org', 'orderer', '--out', orderer]);
    const submitted = await cli(['submit', banka, orderer, '--org', 'core']);
    expect(submitted).toContain('signed by BankAMSP, CoreFirmMSP, OrdererMSP (core as submitter)');
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
    expect(proposed.needs).toEqual([
      { policy: '/Channel/Application/Admins', scope: 'member', orgs: MEMBERS, needed: 3 },
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

    const bankc = members(await configNow()).BankCMSP;
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
    expect(Object.keys(members(await configNow())).sort()).toEqual(MEMBERS);
  });
});
