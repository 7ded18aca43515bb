import { parseChange, type ChannelChange } from './channel-change.ts';
import { ConfigError } from './config.ts';
import { DefinitionError, readOrgDefinition } from './org-definition.ts';

/** The `propose` options that state a change (cli.ts parses them). */
export interface ChangeOptions {
  definition?: string | undefined;
  msp?: string | undefined;
  'org-msp'?: string | undefined;
  peer?: string | undefined;
  timeout?: string | undefined;
  'max-messages'?: string | undefined;
  'preferred-max-bytes'?: string | undefined;
  'orderer-definition'?: string | undefined;
  name?: string | undefined;
}

/** The kinds `propose` takes and their options, for the CLI's usage text. */
export const PROPOSE_USAGE = `              add-org --definition FILE   a member org, from its public definition (export)
              remove-org --msp MSPID      a member org leaves the channel
              anchor-peers --org-msp MSPID --peer HOST:PORT[,HOST:PORT…]
              batch [--timeout 250ms] [--max-messages N] [--preferred-max-bytes "2 MB"]
              add-consenter --orderer-definition FILE --name ordererN
                                          an orderer of the ordering org's updated definition
                                          (export) joins the Raft consenters and the endpoints
              remove-consenter --name ordererN
                                          the consenter whose TLS certificate names ordererN
                                          leaves them (3 consenters or more: a majority stays)
            batch and consenter changes need a majority of the member admins (/Channel/Orderer/
            Admins); consenter changes also the ordering org's admin (its endpoints)`;

const COMMAND_LINE = '(command line)';

function required(value: string | undefined, option: string, kind: string): string {
  if (value === undefined || value === '') throw new ConfigError(`propose ${kind} needs --${option}`);
  return value;
}

/** `host:port,host:port` as endpoints (checked by parseChange). */
function endpoints(text: string): { host: string; port: number }[] {
  return text.split(',').map((item) => {
    const at = item.lastIndexOf(':');
    return { host: item.slice(0, at).trim(), port: at < 0 ? Number.NaN : Number(item.slice(at + 1)) };
  });
}

/** The orderer `name` of the ordering org's definition file, as a consenter to add. */
function addConsenterChange(file: string, name: string): ChannelChange {
  const definition = readOrgDefinition(file);
  if (definition.role !== 'orderer') throw new DefinitionError(file, 'role', 'must be "orderer" here');
  const consenter = definition.orderers.find((node) => node.name === name);
  if (!consenter) {
    const names = definition.orderers.map((node) => node.name).join(', ');
    throw new DefinitionError(file, 'orderers', `has no orderer "${name}" (it has ${names})`);
  }
  return parseChange({ kind: 'add-consenter', mspId: definition.mspId, consenter }, COMMAND_LINE);
}

/** The change `propose <kind> [options]` states, checked as strictly as one read from a proposal file. */
export function changeFromOptions(kind: string | undefined, options: ChangeOptions): ChannelChange {
  switch (kind) {
    case 'add-org':
      return parseChange(
        { kind, definition: readOrgDefinition(required(options.definition, 'definition', kind)) },
        COMMAND_LINE,
      );
    case 'remove-org':
      return parseChange({ kind, mspId: required(options.msp, 'msp', kind) }, COMMAND_LINE);
    case 'anchor-peers':
      return parseChange(
        {
          kind,
          mspId: required(options['org-msp'], 'org-msp', kind),
          peers: endpoints(required(options.peer, 'peer', kind)),
        },
        COMMAND_LINE,
      );
    case 'batch': {
      const messages = options['max-messages'];
      return parseChange(
        {
          kind,
          timeout: options.timeout,
          maxMessageCount: messages === undefined ? undefined : Number(messages),
          preferredMaxBytes: options['preferred-max-bytes'],
        },
        COMMAND_LINE,
      );
    }
    case 'add-consenter':
      return addConsenterChange(
        required(options['orderer-definition'], 'orderer-definition', kind),
        required(options.name, 'name', kind),
      );
    case 'remove-consenter':
      return parseChange({ kind, name: required(options.name, 'name', kind) }, COMMAND_LINE);
    default:
      throw new ConfigError(`unknown change kind ${JSON.stringify(kind)}\n${PROPOSE_USAGE}`);
  }
}
