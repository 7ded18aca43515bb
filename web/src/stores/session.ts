import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useApi } from '@/api/connection';
import {
  LoginDocument,
  LogoutDocument,
  MeDocument,
  NodeInfoDocument,
  type NodeInfoQuery,
  type UserFieldsFragment,
} from '@/api/generated/graphql';
import { can, type Action } from '@/domain/access';

const STORAGE_KEY = 'scf.session';

interface StoredSession {
  token: string;
  expiresAt: string;
}

function readStored(): StoredSession | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (!value || typeof value.token !== 'string' || Date.parse(value.expiresAt) <= Date.now()) return null;
    return value;
  } catch {
    return null;
  }
}

/** The logged-in user of this org's node and its token (kept across reloads until it expires). */
export const useSessionStore = defineStore('session', () => {
  const stored = readStored();
  const token = ref<string | null>(stored?.token ?? null);
  const user = ref<UserFieldsFragment | null>(null);
  const node = ref<NodeInfoQuery['nodeInfo'] | null>(null);
  const restored = ref(false);

  const loggedIn = computed(() => token.value !== null && user.value !== null);
  const isAdmin = computed(() => user.value?.role === 'ADMIN');

  function remember(session: StoredSession | null): void {
    token.value = session?.token ?? null;
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  }

  async function loadNodeInfo(): Promise<void> {
    if (node.value) return;
    node.value = (await useApi().graphql.request(NodeInfoDocument)).nodeInfo;
  }

  async function login(username: string, password: string): Promise<void> {
    const { login: result } = await useApi().graphql.request(LoginDocument, { username, password });
    remember({ token: result.token, expiresAt: result.expiresAt });
    user.value = result.user;
  }

  /** Checks a remembered token with the node once per page load. */
  async function restore(): Promise<void> {
    if (restored.value) return;
    restored.value = true;
    if (!token.value) return;
    const { me } = await useApi().graphql.request(MeDocument);
    user.value = me;
    if (!me) remember(null);
  }

  /** Forgets the session here, whatever the node answers. */
  async function logout(): Promise<void> {
    try {
      if (token.value) await useApi().graphql.request(LogoutDocument);
    } finally {
      expire();
    }
  }

  /** The node no longer accepts the token. */
  function expire(): void {
    remember(null);
    user.value = null;
  }

  function allowed(action: Action): boolean {
    return can(user.value, action);
  }

  return { token, user, node, loggedIn, isAdmin, login, logout, restore, expire, loadNodeInfo, allowed };
});
