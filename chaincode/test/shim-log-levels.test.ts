import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { skipDisabledLogLevels } from '../src/lib/shim-log-levels';

interface Logger {
  debug(message: string, ...splat: unknown[]): void;
  warn(message: string, ...splat: unknown[]): void;
  _transform(...args: unknown[]): void;
}

/** A logger of the winston fabric-shim loads, at `level`, whose format counts what it is handed. */
function countingLogger(level: string): { logger: Logger; formatted: string[] } {
  const fromShim = createRequire(require.resolve('fabric-shim'));
  const winston = fromShim('winston') as {
    createLogger(options: object): Logger;
    transports: { Stream: new (options: object) => object };
  };
  const formatted: string[] = [];
  const format = {
    transform: vi.fn((info: { message: string }) => {
      formatted.push(info.message);
      return info;
    }),
  };
  const sink = new Writable({
    objectMode: true,
    write: (_info, _encoding, done) => {
      done();
    },
  });
  const logger = winston.createLogger({
    level,
    format,
    transports: [new winston.transports.Stream({ stream: sink })],
  });
  return { logger, formatted };
}

describe('fabric-shim log levels', () => {
  it('formats only the messages of levels the logger writes, and streams no other', () => {
    skipDisabledLogLevels();
    skipDisabledLogLevels();
    const { logger, formatted } = countingLogger('warn');
    const streamed = vi.spyOn(logger, '_transform');
    logger.debug('per transaction detail');
    expect(streamed).not.toHaveBeenCalled();
    logger.warn('worth a look');
    expect(streamed).toHaveBeenCalledTimes(1);
    expect(formatted).toEqual(['worth a look']);
  });

  it('still formats every level a debug logger writes', () => {
    skipDisabledLogLevels();
    const { logger, formatted } = countingLogger('debug');
    logger.debug('per transaction detail');
    logger.warn('worth a look');
    expect(formatted).toEqual(['per transaction detail', 'worth a look']);
  });
});

describe('fabric-shim log levels, messages with arguments', () => {
  it('drops a disabled level before its record is built, and logs an enabled one', () => {
    skipDisabledLogLevels();
    const { logger, formatted } = countingLogger('info');
    const written = vi.spyOn(logger as unknown as { write: (info: object) => boolean }, 'write');
    logger.debug('read %s of %s', 'key', 'tx');
    expect(written).not.toHaveBeenCalled();
    logger.warn('slow %s', 'peer');
    expect(written).toHaveBeenCalledTimes(1);
    expect(formatted).toEqual(['slow %s']);
  });
});

describe('fabric-shim log levels, patched once', () => {
  it('is not patched again by a second copy of the module', async () => {
    skipDisabledLogLevels();
    const fromShim = createRequire(require.resolve('fabric-shim'));
    const { Logger } = fromShim('winston') as { Logger: { prototype: { write: unknown; log: unknown } } };
    const { write, log } = Logger.prototype;
    vi.resetModules();
    const copy = await vi.importActual<{ skipDisabledLogLevels: () => void }>('../src/lib/shim-log-levels');
    expect(copy.skipDisabledLogLevels).not.toBe(skipDisabledLogLevels);
    copy.skipDisabledLogLevels();
    expect(Logger.prototype.write).toBe(write);
    expect(Logger.prototype.log).toBe(log);
  });
});
