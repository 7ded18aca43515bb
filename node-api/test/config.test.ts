import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const example = parseEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8'));
const secrets = {
  SCF_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  SCF_ADMIN_PASSWORD: 'a-long-password',
};

describe('node API configuration', () => {
  it('accepts .env.example once its two secrets are filled in, with typed values', () => {
    const config = loadConfig({ ...example, ...secrets });
    expect(config).toMatchObject({ SCF_ORG: 'supplier', SCF_PORT: 7006, SCF_MAX_BODY_BYTES: 1_048_576 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('fails fast, naming every bad or missing variable', () => {
    const env: Record<string, string | undefined> = {
      ...example,
      ...secrets,
      SCF_PORT: '70000',
      SCF_KEY_ENCRYPTION_KEY: 'c2hvcnQ=',
    };
    delete env.SCF_MSP_ID;
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['SCF_PORT', 'SCF_KEY_ENCRYPTION_KEY', 'SCF_MSP_ID']) expect(message).toContain(name);
  });
});
