#!/usr/bin/env node
import type { AddressInfo } from 'node:net';
import { loadRegistryConfig } from './config.ts';
import { RegistrationStore } from './registration-store.ts';
import { createRegistryServer } from './registry-server.ts';

/** How the registry announces its address (who starts it on port 0 reads the port from this line). */
const LISTENING_PREFIX = 'registry listening on ';

function main(): void {
  const config = loadRegistryConfig();
  const store = RegistrationStore.open(config.dataDir);
  const log = (message: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${message}\n`);
  };
  const server = createRegistryServer(store, { log });
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(
      `${LISTENING_PREFIX}http://${config.host}:${port} (${store.size} registrations in ${config.dataDir})\n`,
    );
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
