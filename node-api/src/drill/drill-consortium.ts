import { clean, findMember, startFreshNetwork, type MemberPlan, type NetworkContext } from '@scf/network';
import { nodeUrl } from '../cli/node-env.ts';
import { ensureNodes } from '../cli/node-processes.ts';
import { DEMO_PASSWORD, demoEnterprise } from '../demo/demo-consortium.ts';
import { NodeClient } from '../demo/graphql-client.ts';
import { WRITER_ORG } from './faults.ts';

/** A fresh consortium with every org's node API, and clerks of the writer org's first enterprise. */
export interface DrillConsortium {
  ctx: NetworkContext;
  writer: MemberPlan;
  /** The enterprise the clerks' invoices are to. */
  buyerId: string;
  /** One logged-in clerk per client of the load, each with a document of its own to cite. */
  clerks: { client: NodeClient; documentSha256: string }[];
}

const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';

/**
 * Starts a consortium of its own (three orderers, every member org's node API) on free ports in a
 * temporary state folder, and `clerks` users of the supplier org's tier-1 SME, each its own user so
 * that no client eats into another's rate limit. The sellers' buyer is the core enterprise, which the
 * core org's node registers as it starts. Removes everything again if a step fails.
 */
export async function startDrillConsortium(options: {
  orderers: number;
  clerks: number;
  log: (message: string) => void;
}): Promise<DrillConsortium> {
  const seller = demoEnterprise('tier1');
  if (seller.org !== WRITER_ORG) throw new Error(`the drill's seller must be an SME of ${WRITER_ORG}`);
  options.log(`starting a fresh consortium (${String(options.orderers)} orderers)`);
  const ctx = await startFreshNetwork({ orderers: options.orderers, prefix: 'drill' });
  try {
    await ensureNodes(ctx, ctx.topology.members);
    const writer = findMember(ctx.topology, seller.org);
    options.log(`node APIs up; the load goes through ${nodeUrl(writer)}`);
    const admin = await new NodeClient(nodeUrl(writer)).login('admin', DEMO_PASSWORD);
    const clerks: DrillConsortium['clerks'] = [];
    for (let index = 0; index < options.clerks; index += 1) {
      const username = `drill.clerk.${String(index)}`;
      await admin.request(CREATE_USER, {
        input: {
          username,
          password: DEMO_PASSWORD,
          displayName: username,
          role: 'CLERK',
          enterpriseId: seller.id,
        },
      });
      const client = await new NodeClient(nodeUrl(writer)).login(username, DEMO_PASSWORD);
      const content = new TextEncoder().encode(`drill delivery note ${username}`);
      clerks.push({ client, documentSha256: await client.upload(`${username}.txt`, 'text/plain', content) });
    }
    return { ctx, writer, buyerId: demoEnterprise('core').id, clerks };
  } catch (error) {
    await clean(ctx);
    throw error;
  }
}
