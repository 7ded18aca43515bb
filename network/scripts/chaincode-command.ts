import { describePolicy } from './chaincode-definition.ts';
import { approveChaincode, commitChaincode, installChaincode, runChaincode } from './chaincode-lifecycle.ts';
import { chaincodeStatus, formatChaincodeStatus } from './chaincode-status.ts';
import { ConfigError } from './config.ts';
import type { NetworkContext } from './context.ts';

export const CHAINCODE_USAGE = `  chaincode STEP --org ORG: one step of Fabric's chaincode lifecycle, as ORG on its own node:
              install             build ORG's ccaas package of this build, install it on ORG's
                                  peer, run ORG's chaincode server
              approve [--current] approve for ORG the definition of this build with the policy
                                  OutOf(endorsingOrgs, every member org's peer) over the
                                  channel's member orgs now (the next sequence if that differs
                                  from the committed one); --current: the committed one as it is
              commit              commit what ORG approved at the next sequence, once a
                                  majority of the channel's member orgs approved it
              run                 run ORG's server for the committed definition
              status              committed definition, approvals per org, what ORG runs`;

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** `npm run network -- chaincode <step> --org ORG`: one org's lifecycle step on its own node. */
export async function chaincodeCommand(
  ctx: NetworkContext,
  step: string | undefined,
  options: { org?: string | undefined; current?: boolean | undefined },
): Promise<number> {
  const { org } = options;
  if (!org)
    throw new ConfigError(`chaincode ${step ?? '<step>'} needs --org NAME (the org whose admin acts)`);
  switch (step) {
    case 'install': {
      const result = await installChaincode(ctx, org);
      write(
        `${result.packageId} ${result.installed ? 'installed' : 'was installed already'}; ` +
          `server runs ${result.running ?? 'nothing yet'}`,
      );
      return 0;
    }
    case 'approve': {
      const { definition, approved } = await approveChaincode(ctx, org, {
        current: options.current === true,
      });
      write(
        `${approved ? 'approved' : 'already approved'}: sequence ${String(definition.sequence)}, ` +
          `${definition.version}, endorsement ${describePolicy(definition.policy)}`,
      );
      return 0;
    }
    case 'commit': {
      const { definition, approvedBy } = await commitChaincode(ctx, org);
      write(
        `committed sequence ${String(definition.sequence)} (${definition.version}), approved by ` +
          `${approvedBy.join(', ')}; every other org runs: npm run network -- chaincode run --org ORG`,
      );
      return 0;
    }
    case 'run': {
      const id = await runChaincode(ctx, org);
      write(id === undefined ? 'nothing to run: install first' : `server runs ${id}`);
      return id === undefined ? 1 : 0;
    }
    case 'status':
      process.stdout.write(formatChaincodeStatus(await chaincodeStatus(ctx, org)));
      return 0;
    default:
      throw new ConfigError(`chaincode needs a step: install, approve, commit, run or status`);
  }
}
