/**
 * Preloaded (`node --import`) into a chaincode server run with --cpu-prof, for its one side effect:
 * V8 writes the profile only when the process exits by itself, and fabric-shim's server sets no
 * SIGTERM handler, so the default action would end it before the profile is written. `on`, not
 * `once`: a stop signals the whole group and the supervisor passes SIGTERM on again, and that second
 * one must not kill the server halfway through writing its profile.
 */
process.on('SIGTERM', () => {
  process.exit(0);
});
