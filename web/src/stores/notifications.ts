import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Change } from '@/api/change-stream';

/** Most recent first; older ones fall off so a long session does not grow without bound. */
const KEEP = 100;

export interface Notification extends Change {
  receivedAt: number;
  read: boolean;
}

/** Changes pushed by the node (subscription `changes`) that the user has not looked at yet. */
export const useNotificationStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([]);
  const connected = ref(false);
  /** Bumped on every change, so open pages can refetch what they show. */
  const revision = ref(0);
  const lastChange = ref<Change | null>(null);

  const unread = computed(() => items.value.filter((item) => !item.read).length);

  function receive(change: Change): void {
    items.value = [{ ...change, receivedAt: Date.now(), read: false }, ...items.value].slice(0, KEEP);
    lastChange.value = change;
    revision.value += 1;
  }

  function markAllRead(): void {
    items.value = items.value.map((item) => ({ ...item, read: true }));
  }

  function clear(): void {
    items.value = [];
  }

  return { items, connected, revision, lastChange, unread, receive, markAllRead, clear };
});
