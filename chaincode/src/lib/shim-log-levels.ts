import { createRequire } from 'node:module';

interface WinstonLogger {
  isLevelEnabled(level: string): boolean;
  _transform: (info: Record<string | symbol, unknown>, encoding: string, done: () => void) => void;
}

/** The symbol under which winston (through triple-beam) keeps a message's level. */
const LEVEL = Symbol.for('level');

let installed = false;

/**
 * fabric-shim logs through winston, which formats every message (timestamp, metadata, text) before
 * its transport drops those below the level set by CORE_CHAINCODE_LOGGING_LEVEL: the shim's DEBUG
 * lines of each transaction cost about a fifth of a chaincode server's CPU, to be thrown away. This
 * makes winston's loggers drop a message of a level they do not log before formatting it. It patches
 * the winston that fabric-shim itself loads; a second call changes nothing.
 */
export function skipDisabledLogLevels(): void {
  if (installed) return;
  const fromShim = createRequire(require.resolve('fabric-shim'));
  const { Logger } = fromShim('winston') as { Logger: { prototype: WinstonLogger } };
  const prototype = Logger.prototype;
  const { _transform: format } = prototype;
  prototype._transform = function (this: WinstonLogger, info, encoding, done) {
    const level = info[LEVEL] ?? info.level;
    if (typeof level === 'string' && !this.isLevelEnabled(level)) {
      done();
      return;
    }
    format.call(this, info, encoding, done);
  };
  installed = true;
}
