import { PortalConfigError, readPortalConfig, USAGE } from './portal-config.ts';
import { createPortalServer } from './portal-server.ts';

/** `node web/server/serve.ts`: one org's portal, until SIGINT or SIGTERM. */
function main(): void {
  let config;
  try {
    config = readPortalConfig(process.env);
  } catch (error) {
    if (!(error instanceof PortalConfigError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const server = createPortalServer(config);
  server.listen(config.port, config.host, () => {
    process.stdout.write(
      `portal${config.org ? ` (${config.org})` : ''} on http://${config.host}:${config.port.toString()} → node API ${config.nodeApiUrl}\n`,
    );
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
