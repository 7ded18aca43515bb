import { describe, expect, it } from 'vitest';
import { loadRegistryConfig, RegistryConfigError } from '../src/config.ts';

describe('loadRegistryConfig', () => {
  it('binds loopback on 7009 by default and needs a data folder', () => {
    expect(loadRegistryConfig({ SCF_REGISTRY_DATA_DIR: '/var/lib/registry' })).toEqual({
      host: '127.0.0.1',
      port: 7009,
      dataDir: '/var/lib/registry',
    });
    expect(() => loadRegistryConfig({})).toThrow(RegistryConfigError);
  });

  it('takes port 0 (any free port) and lists every bad value', () => {
    expect(loadRegistryConfig({ SCF_REGISTRY_DATA_DIR: '/d', SCF_REGISTRY_PORT: '0' }).port).toBe(0);
    expect(() => loadRegistryConfig({ SCF_REGISTRY_PORT: '70000', SCF_REGISTRY_HOST: '' })).toThrow(
      /SCF_REGISTRY_DATA_DIR[\s\S]*SCF_REGISTRY_PORT[\s\S]*SCF_REGISTRY_HOST/,
    );
  });
});
