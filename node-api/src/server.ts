import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.ts';
import { startNode } from './runtime.ts';

/** The node API process: configuration from the environment, one HTTP server, clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const node = await startNode(config);
  const server = createServer((request, response) => {
    void node.api(request, response);
  });
  server.listen(config.SCF_PORT, config.SCF_HOST, () => {
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

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`,
  );
  process.exit(1);
});
