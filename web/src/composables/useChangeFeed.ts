import { ElNotification } from 'element-plus';
import { onScopeDispose, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useApi } from '@/api/connection';
import { useNotificationStore } from '@/stores/notifications';
import { useSessionStore } from '@/stores/session';

/** Listens to the node's `changes` while someone is logged in; every change becomes a notification. */
export function useChangeFeed(): void {
  const session = useSessionStore();
  const notifications = useNotificationStore();
  const { t } = useI18n();
  let stop: (() => void) | null = null;

  function close(): void {
    stop?.();
    stop = null;
    notifications.connected = false;
  }

  watch(
    () => session.loggedIn,
    (loggedIn) => {
      close();
      if (!loggedIn) return;
      notifications.connected = true;
      stop = useApi().changes.listen(
        (change) => {
          notifications.receive(change);
          ElNotification({
            title: t('notifications.title'),
            message: t('notifications.change', { type: t(`objectType.${change.type}`), id: change.id }),
            type: 'info',
            duration: 3000,
            position: 'bottom-right',
          });
        },
        () => {
          notifications.connected = false;
        },
      );
    },
    { immediate: true },
  );
  onScopeDispose(close);
}
