import { GatewayError } from '@hyperledger/fabric-gateway';
import { submitThroughGateway, type GatewaySubmitOptions, type LedgerCall } from './admin-gateway.ts';
import type { NetworkContext } from './context.ts';
import { CommandError } from './exec.ts';
import { peerCli } from './peer.ts';
import { findMember } from './topology.ts';

export type { LedgerCall } from './admin-gateway.ts';

/** The chaincode refused the call with one of its typed errors (`[FORBIDDEN] …`): nothing was written. */
export class LedgerRefusedError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(`[${code}] ${message}`);
    this.name = LedgerRefusedError.name;
    this.code = code;
  }
}

/** The chaincode's typed error (`[CODE] text`) in a failure's words, if there is one. */
function refusalIn(texts: string[]): LedgerRefusedError | undefined {
  for (const text of texts) {
    const match = /\[([A-Z][A-Z_]+)\] (.*)/s.exec(text);
    if (match?.[1]) return new LedgerRefusedError(match[1], match[2] ?? '');
  }
  return undefined;
}

/**
 * The chaincode's typed error in a failed call: in the peer CLI's output (`message:"[CODE] text"`,
 * quoted) or in what the endorsing peers told the gateway (the error's details).
 */
export function refusalOf(error: unknown): LedgerRefusedError | undefined {
  if (error instanceof GatewayError) {
    return refusalIn([...error.details.map((detail) => detail.message), error.message]);
  }
  if (!(error instanceof CommandError)) return undefined;
  const quoted = /\[[A-Z][A-Z_]+\] (?:[^"\\]|\\.)*/.exec(error.output);
  return quoted ? refusalIn([quoted[0].replace(/\\(.)/g, '$1')]) : undefined;
}

/**
 * A gateway failure with what each peer or orderer said, for the operator: the gateway's own message
 * only says which step failed ("failed to endorse transaction, see attached details").
 */
export function withDetails(error: unknown): unknown {
  if (!(error instanceof GatewayError) || error.details.length === 0) return error;
  const said = error.details.map((detail) => `${detail.mspId} at ${detail.address}: ${detail.message}`);
  return new Error(`${error.message}\n${said.join('\n')}`, { cause: error });
}

async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw refusalOf(error) ?? withDetails(error);
  }
}

function callArgs(ctx: NetworkContext, call: LedgerCall): string[] {
  const { channel, chaincode } = ctx.topology.config;
  const body = JSON.stringify({ function: call.fn, Args: call.args });
  return ['-C', channel, '-n', chaincode.name, '-c', body];
}

/**
 * Runs the call on the org's own peer as its admin and returns the chaincode's answer, writing
 * nothing: a query, or the dry run of a transaction.
 */
export function evaluateAs(ctx: NetworkContext, orgName: string, call: LedgerCall): Promise<string> {
  const org = findMember(ctx.topology, orgName);
  return refusing(() => peerCli(ctx, org, ['chaincode', 'query', ...callArgs(ctx, call)]));
}

/**
 * Submits the call as the org's admin through its own peer's gateway, endorsed by a peer of each org
 * in `endorsers`, and waits until its peer committed it; returns the chaincode's answer. Not the peer
 * CLI: its `--waitForEvent` opens a block stream at "newest" without waiting for the peer to place it,
 * and misses a transaction whose block and one more committed first, reporting a timeout after a write
 * that happened.
 */
export function submitAs(
  ctx: NetworkContext,
  orgName: string,
  call: LedgerCall,
  endorsers: string[],
  options: GatewaySubmitOptions = {},
): Promise<string> {
  const org = findMember(ctx.topology, orgName);
  return refusing(() => submitThroughGateway(ctx, org, call, endorsers, options));
}
