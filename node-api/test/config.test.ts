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

  it('shows the defaults of the mode, session checks and login lockout as they are', () => {
    const names = [
      'SCF_MODE',
      'SCF_SESSION_CHECK_SECONDS',
      'SCF_LOGIN_ACCOUNT_FAILURES',
      'SCF_LOGIN_ADDRESS_FAILURES',
      'SCF_LOGIN_WINDOW_SECONDS',
      'SCF_LOGIN_LOCKOUT_SECONDS',
      'SCF_LOGIN_MAX_LOCKOUT_SECONDS',
    ] as const;
    const unset = Object.fromEntries(
      Object.entries({ ...example, ...secrets }).filter(
        ([name]) => !(names as readonly string[]).includes(name),
      ),
    );
    const defaults = loadConfig(unset);
    const shown = loadConfig({ ...example, ...secrets });
    for (const name of names) expect(shown[name], name).toEqual(defaults[name]);
    expect(defaults).toMatchObject({
      SCF_MODE: 'production',
      SCF_SESSION_CHECK_SECONDS: 5,
      SCF_LOGIN_ACCOUNT_FAILURES: 5,
      SCF_LOGIN_ADDRESS_FAILURES: 50,
      SCF_LOGIN_WINDOW_SECONDS: 900,
      SCF_LOGIN_LOCKOUT_SECONDS: 60,
      SCF_LOGIN_MAX_LOCKOUT_SECONDS: 3_600,
    });
    expect(() => loadConfig({ ...example, ...secrets, SCF_MODE: 'staging' })).toThrow(/SCF_MODE/);
  });
});

describe('the registry configuration', () => {
  it('has no registry unless SCF_REGISTRY_URL names one, with a 5 s deadline by default', () => {
    const config = loadConfig({ ...example, ...secrets });
    expect(config.SCF_REGISTRY_URL).toBeUndefined();
    expect(config.SCF_REGISTRY_TIMEOUT_MS).toBe(5_000);
    const configured = loadConfig({ ...example, ...secrets, SCF_REGISTRY_URL: 'http://127.0.0.1:7009' });
    expect(configured.SCF_REGISTRY_URL).toBe('http://127.0.0.1:7009');
    expect(() => loadConfig({ ...example, ...secrets, SCF_REGISTRY_URL: 'not a url' })).toThrow(
      /SCF_REGISTRY_URL/,
    );
  });
});
