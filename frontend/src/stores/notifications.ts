import { defineStore } from 'pinia';
import { ref } from 'vue';
import { MarkNotificationsReadDocument, UnreadNotificationCountDocument, type NotificationAddedSubscription } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';

/**
 * The viewer's unread notification count, shared by the bell in the shell and the
 * notification page; live events (notificationAdded) bump `received` so open lists reload.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const client = useGraphQLClient();
  const unread = ref(0);
  /** Live notifications seen since the page opened. */
  const received = ref(0);

  async function refreshCount(): Promise<void> {
    try {
      unread.value = (await client.request(UnreadNotificationCountDocument)).unreadNotificationCount;
    } catch {
      // The bell keeps the last count; the next event or page load corrects it.
    }
  }

  function onEvent(event: NotificationAddedSubscription['notificationAdded']): void {
    unread.value = event.unreadCount;
    received.value += 1;
  }

  /** Marks the given notifications read (all without ids); the server answers the count left. */
  async function markRead(ids?: readonly string[]): Promise<void> {
    unread.value = (await client.request(MarkNotificationsReadDocument, { ids: ids ? [...ids] : null })).markNotificationsRead;
  }

  return { unread, received, refreshCount, onEvent, markRead };
});
