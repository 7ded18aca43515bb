import { loadedByShim } from './shim-dependency';

type Info = Record<string | symbol, unknown> | undefined;

/** Set on the patched prototype itself, so that a second copy of this module does not patch it again. */
const PATCHED: unique symbol = Symbol.for('scf.skipDisabledLogLevels');

interface WinstonLogger {
  isLevelEnabled(level: string): boolean;
  write: (info: Info, ...rest: unknown[]) => boolean;
  log: (level: unknown, ...rest: unknown[]) => WinstonLogger;
  [PATCHED]?: true;
}

/** The symbol under which winston (through triple-beam) keeps a message's level. */
const LEVEL = Symbol.for('level');

/**
 * fabric-shim logs through winston, which writes every message into the logger's stream and formats
 * it (timestamp, metadata, text) before its transport drops those below the level set by
 * CORE_CHAINCODE_LOGGING_LEVEL: the shim's DEBUG lines, several for each state read, cost about a
 * fifth of a chaincode server's CPU, to be thrown away. This makes winston's loggers drop a message
 * of a level they do not log as it is written (or logged with arguments), before the stream or the
 * format sees it. It patches the winston that fabric-shim itself loads; a second call changes nothing.
 */
export function skipDisabledLogLevels(): void {
  const { Logger } = loadedByShim<{ Logger: { prototype: WinstonLogger } }>('winston');
  const prototype = Logger.prototype;
  if (prototype[PATCHED]) return;
  // The stream's own write, which Logger inherits.
  const { write } = prototype;
  prototype.write = function (this: WinstonLogger, info, ...rest) {
    const level = info?.[LEVEL] ?? info?.level;
    if (typeof level === 'string' && !this.isLevelEnabled(level)) return true;
    return write.call(this, info, ...rest);
  };
  // A call with several arguments (`logger.debug('%s …', a, b)`) goes through log(level, …), which
  // builds the message's record before writing it: dropped before that.
  const { log } = prototype;
  prototype.log = function (this: WinstonLogger, level, ...rest) {
    if (typeof level === 'string' && !this.isLevelEnabled(level)) return this;
    return log.call(this, level, ...rest);
  };
  prototype[PATCHED] = true;
}
