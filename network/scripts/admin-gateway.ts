import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { GatewayError, type Proposal, type Transaction } from '@hyperledger/fabric-gateway';
import type { NetworkContext } from './context.ts';
import { connectGateway, type LedgerConnection } from './gateway-connection.ts';
import { endpoint, localAddress } from './hosts.ts';
import { identityFiles } from './identities.ts';
import { ORG_ADMIN } from './peer.ts';
import type { MemberPlan } from './topology.ts';
import { validationName } from './validation-code.ts';

/** A chaincode function and its arguments: `charter:Propose` with the terms' JSON. */
export interface LedgerCall {
  fn: string;
  args: string[];
}

/**
 * Deadlines (ms) of an admin's write. The commit wait asks the peer for the status of the transaction's
 * own id, which it answers from its ledger whenever the block committed: no block stream to miss.
 */
const DEADLINES = { evaluate: 30_000, endorse: 30_000, submit: 15_000, commitStatus: 120_000 } as const;

/**
 * How long a peer may take to learn another org's peers by gossip (it just joined or restarted),
 * while the gateway answers that it knows none for an endorsing org. Nothing is ordered meanwhile.
 */
const DISCOVERY_WAIT_MS = 30_000;

export interface GatewaySubmitOptions {
  /** How long to wait for the peer to learn the endorsing orgs' peers (ms); 30 s by default. */
  discoveryWaitMs?: number;
}

/** The transaction reached a block, but the peers marked it invalid: it changed nothing. */
export class TransactionInvalidError extends Error {
  readonly transactionId: string;
  /** Fabric's name of the validation code (ENDORSEMENT_POLICY_FAILURE, MVCC_READ_CONFLICT, …). */
  readonly validation: string;

  constructor(call: LedgerCall, transactionId: string, code: number) {
    const validation = validationName(code);
    super(`${call.fn} (transaction ${transactionId}) committed invalid: ${validation}; nothing was written`);
    this.name = TransactionInvalidError.name;
    this.transactionId = transactionId;
    this.validation = validation;
  }
}

/** The gateway's own words (internal/pkg/gateway/registry.go) when gossip has not yet shown it an org's peers. */
const NO_PEERS_FOR_ORG = 'failed to find any endorsing peers for org';

/** The endorsing orgs the gateway knows no peer of, as it names them; undefined for any other failure. */
function orgsNotYetKnown(error: unknown): string[] | undefined {
  if (!(error instanceof GatewayError) || error.code !== (grpc.status.UNAVAILABLE as number))
    return undefined;
  for (const text of [error.message, ...error.details.map((detail) => detail.message)]) {
    const at = text.indexOf(NO_PEERS_FOR_ORG);
    if (at >= 0) return (/: (.*)$/.exec(text.slice(at))?.[1] ?? '').split(', ').filter(Boolean);
  }
  return undefined;
}

/**
 * Endorses the proposal, again every `everyMs` while the gateway knows no peer yet of an endorsing
 * org, until `deadline` (epoch ms); any other failure at once.
 */
export async function endorseOnceKnown(
  proposal: Pick<Proposal, 'endorse'>,
  deadline: number,
  everyMs = 1_000,
): Promise<Transaction> {
  for (;;) {
    try {
      return await proposal.endorse();
    } catch (error) {
      if (orgsNotYetKnown(error) === undefined || Date.now() >= deadline) throw error;
      await sleep(everyMs);
    }
  }
}

/** A gateway connection to the org's own peer as its admin, from the admin's identity folder. */
function adminGateway(ctx: NetworkContext, org: MemberPlan): LedgerConnection {
  const admin = identityFiles(ctx.paths.identity(org.name, ORG_ADMIN));
  // TLS server names must not be IP addresses; the peer's certificate also names the peer.
  return connectGateway(
    {
      address: endpoint(localAddress(org.peer.listenHost), org.peer.port),
      tlsRootCertPem: readFileSync(ctx.paths.caCert(org.name)),
      hostAlias: org.peer.name,
    },
    { mspId: org.mspId, certificatePem: readFileSync(admin.cert), privateKeyPem: readFileSync(admin.key) },
    DEADLINES,
  );
}

/**
 * Submits the call as the org's admin through its own peer's gateway, endorsed by one peer of each org
 * in `endorsers` (found by gossip), and waits until the peer committed it. Returns the chaincode's
 * answer. Throws the gateway's error when endorsement or ordering failed (nothing was written), and
 * TransactionInvalidError when the block marked it invalid.
 */
export async function submitThroughGateway(
  ctx: NetworkContext,
  org: MemberPlan,
  call: LedgerCall,
  endorsers: string[],
  options: GatewaySubmitOptions = {},
): Promise<string> {
  const { channel, chaincode } = ctx.topology.config;
  const discoveryWaitMs = options.discoveryWaitMs ?? DISCOVERY_WAIT_MS;
  const { gateway, close } = adminGateway(ctx, org);
  try {
    const proposal = gateway
      .getNetwork(channel)
      .getContract(chaincode.name)
      .newProposal(call.fn, { arguments: call.args, endorsingOrganizations: endorsers });
    const transaction = await endorseOnceKnown(proposal, Date.now() + discoveryWaitMs).catch(
      (error: unknown) => {
        const unknown = orgsNotYetKnown(error);
        if (unknown === undefined) throw error;
        const orgs = (unknown.length > 0 ? unknown : endorsers).join(', ');
        throw new Error(
          `${org.peer.name} knows no peer of ${orgs} after ${String(discoveryWaitMs / 1000)} s ` +
            '(each endorsing org must be a member of the channel, with its peer running)',
          { cause: error },
        );
      },
    );
    const commit = await transaction.submit();
    const status = await commit.getStatus().catch((error: unknown) => {
      throw new Error(
        `${call.fn} (transaction ${transaction.getTransactionId()}) went to the orderers, but ${org.peer.name} ` +
          'did not report its commit in time: it may still commit; look for that id before sending it again',
        { cause: error },
      );
    });
    if (!status.successful) throw new TransactionInvalidError(call, status.transactionId, status.code);
    return new TextDecoder().decode(transaction.getResult());
  } finally {
    close();
  }
}
