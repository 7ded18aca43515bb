import type { NetworkContext } from './context.ts';
import { peerTargets } from './channel-members.ts';
import { CommandError } from './exec.ts';
import { withMemberChannel } from './member-channel.ts';
import { peerCli, WAIT_FOR_COMMIT } from './peer.ts';
import { findMember } from './topology.ts';

/** A chaincode function and its arguments: `charter:Propose` with the terms' JSON. */
export interface LedgerCall {
  fn: string;
  args: string[];
}

/** The chaincode refused the call with one of its typed errors (`[FORBIDDEN] …`): nothing was written. */
export class LedgerRefusedError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(`[${code}] ${message}`);
    this.name = LedgerRefusedError.name;
    this.code = code;
  }
}

/** The chaincode's typed error in the peer CLI's output (`message:"[CODE] text"`), if there is one. */
export function refusalOf(error: unknown): LedgerRefusedError | undefined {
  if (!(error instanceof CommandError)) return undefined;
  const match = /\[([A-Z][A-Z_]+)\] ((?:[^"\\]|\\.)*)/.exec(error.output);
  if (!match?.[1]) return undefined;
  return new LedgerRefusedError(match[1], (match[2] ?? '').replace(/\\(.)/g, '$1'));
}

async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw refusalOf(error) ?? error;
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
 * Submits the call as the org's admin, endorsed by an anchor peer of each org in `endorsers` (from
 * the channel's config: addresses and TLS roots are public), and waits until it is committed.
 */
export function submitAs(
  ctx: NetworkContext,
  orgName: string,
  call: LedgerCall,
  endorsers: string[],
): Promise<void> {
  return withMemberChannel(ctx, orgName, (channel) =>
    refusing(async () => {
      await channel.viaOrderer([
        'chaincode',
        'invoke',
        ...callArgs(ctx, call),
        ...peerTargets(channel.members, endorsers, channel.dir),
        ...WAIT_FOR_COMMIT,
      ]);
    }),
  );
}
