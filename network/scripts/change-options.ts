import { parseChange, type ChannelChange } from './channel-change.ts';
import { ConfigError } from './config.ts';
import { readOrgDefinition } from './org-definition.ts';

/** The `propose` options that state a change (cli.ts parses them). */
export interface ChangeOptions {
  definition?: string | undefined;
  msp?: string | undefined;
  'org-msp'?: string | undefined;
  peer?: string | undefined;
  timeout?: string | undefined;
  'max-messages'?: string | undefined;
  'preferred-max-bytes'?: string | undefined;
}

/** The kinds `propose` takes and their options, for the CLI's usage text. */
export const PROPOSE_USAGE = `              add-org --definition FILE   a member org, from its public definition (export)
              remove-org --msp MSPID      a member org leaves the channel
              anchor-peers --org-msp MSPID --peer HOST:PORT[,HOST:PORT…]
              batch [--timeout 250ms] [--max-messages N] [--preferred-max-bytes "2 MB"]`;

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
    default:
      throw new ConfigError(`unknown change kind ${JSON.stringify(kind)}\n${PROPOSE_USAGE}`);
  }
}
