import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiConnection, type ApiConnection } from '@/api/connection';
import type { EnterpriseKind, UserRole } from '@/api/generated/graphql';
import { createPortalRouter } from '@/router';

/** A node that knows one user (or none) and answers `me` for the guard's session check. */
function connectAs(user: { enterpriseKind: EnterpriseKind; role: UserRole } | null): void {
  const me = user && { id: 'u', username: 'u', displayName: 'U', enterpriseId: 'E', ...user };
  const graphql = { execute: () => Promise.resolve({ me }), request: () => Promise.resolve({ me }) };
  setApiConnection({ graphql } as unknown as ApiConnection);
  if (user)
    localStorage.setItem('scf.session', JSON.stringify({ token: 't', expiresAt: '2999-01-01T00:00:00Z' }));
}

async function land(path: string): Promise<{ name: unknown; query: unknown }> {
  const router = createPortalRouter();
  await router.push(path);
  return { name: router.currentRoute.value.name, query: router.currentRoute.value.query };
}

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
});

afterEach(() => {
  setApiConnection(null);
});

describe('route guard', () => {
  it('sends a visitor to login, remembering where they were going', async () => {
    connectAs(null);
    expect(await land('/vouchers')).toEqual({ name: 'login', query: { redirect: '/vouchers' } });
    expect(await land('/')).toEqual({ name: 'login', query: {} });
  });

  it('lands each kind on its home page', async () => {
    connectAs({ enterpriseKind: 'SUPPLIER', role: 'CLERK' });
    expect((await land('/')).name).toBe('dashboard');
    setActivePinia(createPinia());
    connectAs({ enterpriseKind: 'BANK', role: 'APPROVER' });
    expect((await land('/')).name).toBe('portfolio');
  });

  it('keeps users out of pages their kind or role may not open', async () => {
    connectAs({ enterpriseKind: 'SUPPLIER', role: 'CLERK' });
    expect((await land('/credit-lines')).name).toBe('forbidden');
    expect((await land('/users')).name).toBe('forbidden');
    expect((await land('/financings')).name).toBe('financings');
  });
});
