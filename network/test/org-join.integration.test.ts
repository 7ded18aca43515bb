import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitNotReadyError } from '../scripts/chaincode-lifecycle.ts';
import {
  approveChaincode,
  commitChaincode,
  installChaincode,
  runChaincode,
} from '../scripts/chaincode-lifecycle.ts';
import { queryCommitted } from '../scripts/chaincode-queries.ts';
import { waitForChaincode } from '../scripts/chaincode-server.ts';
import { changeFromOptions } from '../scripts/change-options.ts';
import {
  approveCharterProposal,
  charterAs,
  proposeCharterChange,
  type CharterProposalRecord,
} from '../scripts/charter-amendment.ts';
import { joinChannel, NotChannelMemberError, peerHeight } from '../scripts/channel-join.ts';
import { loadConfig, portSpan, type ConsortiumConfig } from '../scripts/config.ts';
import type { NetworkContext } from '../scripts/context.ts';
import { evaluateAs, LedgerRefusedError, submitAs } from '../scripts/ledger-call.ts';
import { clean, openNetwork, up } from '../scripts/network.ts';
import { writeOrgDefinition } from '../scripts/org-definition.ts';
import { exportOrgDefinition } from '../scripts/org-export.ts';
import { findFreeBasePort } from '../scripts/ports.ts';
import { killAllSync } from '../scripts/processes.ts';
import { propose } from '../scripts/propose.ts';
import { readProposal, writeProposal } from '../scripts/proposal.ts';
import { signProposal } from '../scripts/sign-proposal.ts';
import { submitProposals } from '../scripts/submit-proposal.ts';
import { findMember } from '../scripts/topology.ts';

const FOUNDERS = ['core', 'supplier', 'banka', 'bankb', 'logistics'];
/** Writes made before bank C joins, one block each: what its peer must catch up. */
const NOTES = 60;
/** Bank C's first enterprise and a second one it tries after its removal (valid GB 32100 codes). */
const BANK_C_ENTERPRISE = '91110000MA0000C01Q';
const BANK_C_SECOND = '91110000MA0000C02U';

/**
 * Issue 11: a sixth org, bank C, configured as a member that does not found the channel, joins the
 * live channel holding data: a majority of member admins adopt its add-org, it joins from the genesis
 * block and catches up, installs and approves the chaincode (the current definition, then a new
 * sequence whose policy names its peer), is admitted by a charter amendment, writes, and is refused
 * once a later amendment removes it. Between the orgs pass only public files and ledger transactions.
 */
describe('a new org joins a channel that holds data and is admitted by the charter', () => {
  let ctx: NetworkContext | undefined;
  const files = mkdtempSync(join(tmpdir(), 'scf-org-join-'));

  const network = (): NetworkContext => {
    if (!ctx) throw new Error('the network did not start');
    return ctx;
  };

  beforeAll(async () => {
    const base = loadConfig();
    const config: ConsortiumConfig = {
      ...base,
      // One transaction per block: the notes below grow the ledger bank C catches up by NOTES blocks.
      batch: { maxMessageCount: 1 },
      members: [
        ...base.members,
        { name: 'bankc', mspId: 'BankCMSP', description: 'bank C', kinds: ['BANK'], founding: false },
      ],
    };
    config.basePort = await findFreeBasePort(portSpan(config));
    const configFile = join(files, 'consortium.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const started = openNetwork({
      stateDir: mkdtempSync(join(tmpdir(), 'scf-it-org-join-')),
      configFile,
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

  /** The proposal signed on each org's side, then submitted by `submitter`. */
  async function adoptChannelChange(file: string, signers: string[], submitter: string): Promise<void> {
    const copies: string[] = [];
    for (const org of signers) {
      const copy = file.replace(/\.json$/, `.${org}.json`);
      writeProposal(copy, (await signProposal(network(), org, readProposal(file), file)).proposal);
      copies.push(copy);
    }
    await submitProposals(network(), submitter, copies);
  }

  /** A charter amendment proposed by one org's admin and approved by the others' until adopted. */
  async function amendCharter(
    proposer: string,
    approvers: string[],
    change: Parameters<typeof proposeCharterChange>[2],
  ): Promise<CharterProposalRecord> {
    let proposal = await proposeCharterChange(network(), proposer, change);
    for (const org of approvers) {
      if (proposal.status !== 'OPEN') break;
      proposal = await approveCharterProposal(network(), org, proposal.id);
    }
    return proposal;
  }

  const register = (id: string): Promise<string> =>
    submitAs(
      network(),
      'bankc',
      { fn: 'enterprise:Register', args: [id, `Bank C ${id.slice(-3)}`, 'BANK'] },
      ['BankCMSP', 'BankAMSP'],
    );

  it('starts bank C’s CA and peer but keeps it out of the channel, the chaincode and the charter', async () => {
    const bankc = findMember(network().topology, 'bankc');
    expect(bankc.founding).toBe(false);
    const charter = await charterAs(network(), 'core');
    expect(charter.members.map((member) => member.mspId)).not.toContain('BankCMSP');
    await expect(joinChannel(network(), 'bankc')).rejects.toBeInstanceOf(NotChannelMemberError);
    await expect(joinChannel(network(), 'bankc')).rejects.toThrow(
      'BankCMSP is not yet a member of channel "scf"; the consortium must first adopt an add-org proposal',
    );
  });

  it('holds data before bank C arrives', async () => {
    // All at once, each org writing with the next one endorsing, so that blocks commit back to back:
    // each write must still see its own commit (the peer CLI's block stream missed it in that case).
    const written = await Promise.all(
      Array.from({ length: NOTES }, async (_, index) => {
        const org = FOUNDERS[index % FOUNDERS.length] ?? 'core';
        const other = FOUNDERS[(index + 1) % FOUNDERS.length] ?? 'supplier';
        const key = `before-bankc-${String(index)}`;
        const note = await submitAs(network(), org, { fn: 'test:PutNote', args: [key, `by ${org}`] }, [
          findMember(network().topology, org).mspId,
          findMember(network().topology, other).mspId,
        ]);
        return JSON.parse(note) as { key: string; txId: string };
      }),
    );
    expect(new Set(written.map((note) => note.txId)).size).toBe(NOTES);
    for (const note of [written[0], written[NOTES - 1]]) {
      const stored = await evaluateAs(network(), 'core', { fn: 'test:GetNote', args: [note?.key ?? ''] });
      expect(JSON.parse(stored)).toMatchObject({ ...note });
    }
    expect(await peerHeight(network(), findMember(network().topology, 'core'))).toBeGreaterThan(NOTES);
  }, 360_000);

  it('tells an admin who names an endorsing org the channel does not hold, and writes nothing', async () => {
    const key = 'endorsed-by-nobody';
    const write = submitAs(
      network(),
      'core',
      { fn: 'test:PutNote', args: [key, 'by core'] },
      ['CoreFirmMSP', 'BankCMSP'],
      { discoveryWaitMs: 2_000 },
    );
    await expect(write).rejects.toThrow(
      /^peer0\.core\S* knows no peer of BankCMSP after 2 s \(each endorsing org must be a member/,
    );
    await expect(evaluateAs(network(), 'core', { fn: 'test:GetNote', args: [key] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('joins once a majority of member admins adopted its add-org, and catches up with the orderers', async () => {
    const definition = join(files, 'bankc.json');
    writeOrgDefinition(definition, exportOrgDefinition(network(), 'bankc'));
    const file = join(files, 'add-bankc.json');
    const change = changeFromOptions('add-org', { definition });
    writeProposal(file, (await propose(network(), 'core', change)).proposal);
    await adoptChannelChange(file, ['banka', 'supplier'], 'core');

    const progress: number[] = [];
    const joined = await joinChannel(network(), 'bankc', {
      onProgress: ({ height }) => progress.push(height),
    });
    expect(joined.joined).toBe(true);
    expect(joined.height).toBe(joined.target);
    expect(await peerHeight(network(), findMember(network().topology, 'core'))).toBeGreaterThanOrEqual(
      joined.target,
    );
    process.stdout.write(
      `bank C joined and caught up ${String(joined.height - joined.startHeight)} blocks ` +
        `(height ${String(joined.height)}) in ${(joined.ms / 1000).toFixed(1)}s\n`,
    );
    const again = await joinChannel(network(), 'bankc');
    expect(again.joined).toBe(false);
  });

  it('runs the chaincode once it approved the current definition, answering with the same charter', async () => {
    const before = await queryCommitted(network(), findMember(network().topology, 'core'));
    await installChaincode(network(), 'bankc');
    const approval = await approveChaincode(network(), 'bankc', { current: true });
    expect(approval.definition.sequence).toBe(before?.sequence);
    expect(approval.definition.policy.orgs).not.toContain('BankCMSP');
    await waitForChaincode(network(), findMember(network().topology, 'bankc'));
    expect(await charterAs(network(), 'bankc')).toEqual(await charterAs(network(), 'core'));
  });

  it('enters the endorsement policy at a new sequence a majority approved', async () => {
    const first = await approveChaincode(network(), 'bankc');
    expect(first.definition.policy.orgs).toContain('BankCMSP');
    await expect(commitChaincode(network(), 'bankc')).rejects.toBeInstanceOf(CommitNotReadyError);
    await Promise.all(FOUNDERS.map((org) => approveChaincode(network(), org)));
    const commit = await commitChaincode(network(), 'bankc');
    expect(commit.approvedBy).toEqual([
      'BankAMSP',
      'BankBMSP',
      'BankCMSP',
      'CoreFirmMSP',
      'LogisticsMSP',
      'SupplierMSP',
    ]);
    await Promise.all(FOUNDERS.map((org) => runChaincode(network(), org)));
    const committed = await queryCommitted(network(), findMember(network().topology, 'banka'));
    expect(committed?.sequence).toBe(first.definition.sequence);
    expect(committed?.policy.orgs).toContain('BankCMSP');
    for (const org of ['bankc', ...FOUNDERS]) {
      await waitForChaincode(network(), findMember(network().topology, org));
    }
  });

  it('registers a bank only after a charter amendment a majority adopted admits it', async () => {
    await expect(register(BANK_C_ENTERPRISE)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const adopted = await amendCharter('core', ['banka', 'bankb'], {
      kind: 'add-member',
      mspId: 'BankCMSP',
      kinds: ['BANK'],
    });
    expect(adopted).toMatchObject({ status: 'ADOPTED', approvals: ['BankAMSP', 'BankBMSP', 'CoreFirmMSP'] });
    await register(BANK_C_ENTERPRISE);
    const enterprise = JSON.parse(
      await evaluateAs(network(), 'core', { fn: 'enterprise:Get', args: [BANK_C_ENTERPRISE] }),
    ) as { hostMsp: string; kind: string; status: string };
    expect(enterprise).toMatchObject({ hostMsp: 'BankCMSP', kind: 'BANK', status: 'ACTIVE' });
  });

  it('refuses bank C’s writes once a later amendment removes it from the charter', async () => {
    const removed = await amendCharter('banka', ['core', 'bankb', 'supplier'], {
      kind: 'remove-member',
      mspId: 'BankCMSP',
    });
    expect(removed.status).toBe('ADOPTED');
    const suspend = submitAs(
      network(),
      'bankc',
      { fn: 'enterprise:SetStatus', args: [BANK_C_ENTERPRISE, 'SUSPENDED'] },
      ['BankCMSP', 'BankAMSP'],
    );
    await expect(suspend).rejects.toBeInstanceOf(LedgerRefusedError);
    await expect(suspend).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(register(BANK_C_SECOND)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Its peer stays in the channel and keeps reading: the charter, not the channel, decides writes.
    const charter = await charterAs(network(), 'bankc');
    expect(charter.members.map((member) => member.mspId)).not.toContain('BankCMSP');
  });
});
