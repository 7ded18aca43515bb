import type { EnrolledUser, MemberPlan } from '@scf/network';

/**
 * The files Caliper 0.6's Fabric connector reads, generated from a running network: a common
 * connection profile per org (its peer's gateway endpoint and TLS root), a network config naming
 * each org's user, and a bench config with one round per workload.
 */
export interface CaliperOrg {
  org: MemberPlan;
  /** The org's TLS root (the org CA's certificate signs the peer's TLS certificate). */
  tlsRootPath: string;
  user: EnrolledUser;
  profilePath: string;
}

export function connectionProfile(org: MemberPlan, tlsRootPath: string): object {
  const { peer } = org;
  return {
    name: `scf-${org.name}`,
    version: '1.0.0',
    client: { organization: org.name },
    organizations: { [org.name]: { mspid: org.mspId, peers: [peer.name] } },
    peers: {
      [peer.name]: {
        url: `grpcs://${peer.host}:${String(peer.port)}`,
        tlsCACerts: { path: tlsRootPath },
        // The peer's TLS certificate names the peer, not the address dialled.
        grpcOptions: { 'ssl-target-name-override': peer.name },
      },
    },
  };
}

export function networkConfig(channel: string, chaincode: string, orgs: readonly CaliperOrg[]): object {
  return {
    name: 'scf-consortium',
    version: '2.0.0',
    caliper: { blockchain: 'fabric' },
    channels: [{ channelName: channel, contracts: [{ id: chaincode }] }],
    organizations: orgs.map(({ org, user, profilePath }) => ({
      mspid: org.mspId,
      identities: {
        certificates: [
          { name: user.name, clientPrivateKey: { path: user.key }, clientSignedCert: { path: user.cert } },
        ],
      },
      connectionProfile: { path: profilePath, discover: true },
    })),
  };
}

export interface CaliperRound {
  label: string;
  /** The workload module (node-api/bench/caliper/*.mjs), absolute. */
  module: string;
  contractFunction: string;
  invoker: EnrolledUser;
  extra?: Record<string, string>;
}

/**
 * Closed-loop rounds like bench:ledger's: `workers` Caliper workers keeping `clients` transactions in
 * flight between them (fixed-load), for `seconds` after a warm-up round that is not reported apart.
 */
export function benchConfig(
  channel: string,
  chaincode: string,
  rounds: readonly CaliperRound[],
  load: { workers: number; clients: number; warmupSeconds: number; seconds: number },
): object {
  const rateControl = {
    type: 'fixed-load',
    opts: { transactionLoad: Math.max(1, Math.round(load.clients / load.workers)), startingTps: 10 },
  };
  const round = (item: CaliperRound, label: string, seconds: number): object => ({
    label,
    txDuration: seconds,
    rateControl,
    workload: {
      module: item.module,
      arguments: {
        contractId: chaincode,
        channel,
        invokerIdentity: item.invoker.name,
        invokerMspId: item.invoker.mspId,
        contractFunction: item.contractFunction,
        ...item.extra,
      },
    },
  });
  return {
    test: {
      name: 'scf-bench',
      description: 'no-op ceiling, one-write baseline and a life-cycle step (invoice registration)',
      workers: { number: load.workers },
      rounds: rounds.flatMap((item) => [
        round(item, `${item.label} warm-up`, load.warmupSeconds),
        round(item, item.label, load.seconds),
      ]),
    },
  };
}

/** A row of Caliper's summary table: `| name | succ | fail | send rate | max | min | avg | throughput |`. */
export interface CaliperResult {
  name: string;
  succeeded: number;
  failed: number;
  throughput: number;
  /** NaN when no transaction succeeded. */
  avgLatencySeconds: number;
}

/** The summary table Caliper prints (ANSI colours removed), one result per round. */
export function parseCaliperSummary(output: string): CaliperResult[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const results: CaliperResult[] = [];
  for (const line of plain.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 8 || cells[0] === 'Name') continue;
    const [name = '', succ, fail, , , , avg, throughput] = cells;
    const numbers = [succ, fail, throughput].map(Number);
    if (numbers.some((value) => Number.isNaN(value))) continue;
    const [succeeded = 0, failed = 0, rate = 0] = numbers;
    // '-' when no transaction of the round succeeded.
    const avgLatencySeconds = avg === '-' ? Number.NaN : Number(avg);
    if (!results.some((result) => result.name === name)) {
      results.push({ name, succeeded, failed, throughput: rate, avgLatencySeconds });
    }
  }
  return results;
}
