import type { StageRole } from '@salescircle/shared';
import { useI18n } from 'vue-i18n';
import { reasonMessage } from '@/utils/routing-reasons';

/** A recorded reason in the viewer's language when the app knows the sentence, else as written. */
export function useReasonText() {
  const { t } = useI18n();
  const stageRole = (role: StageRole | null) => (role ? t(`stageRoles.${role}`) : '—');
  return (reason: string): string => {
    const message = reasonMessage(reason, stageRole);
    return message ? t(message.key, message.named) : reason;
  };
}
