import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.ts';
import { fabricBin, type FabricTools } from './fabric-tools.ts';

/**
 * Fabric's configtxlator between protobuf and JSON, through files in a scratch folder: what Fabric
 * documents for channel updates (decode the config, edit the JSON, encode, compute the update).
 */
export interface Translator {
  /** Decodes a message of `type` (`common.Block`, `common.Envelope`) to its JSON form. */
  decode: <T>(type: string, bytes: Buffer) => Promise<T>;
  /** Encodes a JSON form to a message of `type`. */
  encode: (type: string, json: unknown) => Promise<Buffer>;
  /** The marshaled common.ConfigUpdate taking the channel from `original` to `updated` (common.Config). */
  computeUpdate: (channel: string, original: Buffer, updated: Buffer) => Promise<Buffer>;
}

export function configtxlator(tools: FabricTools, dir: string): Translator {
  const bin = fabricBin(tools, 'configtxlator');
  let files = 0;
  const file = (what: string): string => {
    files += 1;
    return join(dir, `${String(files).padStart(3, '0')}-${what}`);
  };
  const written = (what: string, content: Buffer | string): string => {
    const path = file(what);
    writeFileSync(path, content);
    return path;
  };
  return {
    decode: async <T>(type: string, bytes: Buffer): Promise<T> => {
      const output = file(`${type}.json`);
      await run(bin, [
        'proto_decode',
        '--type',
        type,
        '--input',
        written(`${type}.pb`, bytes),
        '--output',
        output,
      ]);
      return JSON.parse(readFileSync(output, 'utf8')) as T;
    },
    encode: async (type, json) => {
      const output = file(`${type}.pb`);
      const input = written(`${type}.json`, JSON.stringify(json));
      await run(bin, ['proto_encode', '--type', type, '--input', input, '--output', output]);
      return readFileSync(output);
    },
    computeUpdate: async (channel, original, updated) => {
      const output = file('update.pb');
      await run(bin, [
        'compute_update',
        '--channel_id',
        channel,
        '--original',
        written('original.pb', original),
        '--updated',
        written('updated.pb', updated),
        '--output',
        output,
      ]);
      return readFileSync(output);
    },
  };
}
