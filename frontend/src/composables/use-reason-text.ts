import type { StageRole } from '@salescircle/shared';
import { useI18n } from 'vue-i18n';
import { reasonMessage } from '@/utils/routing-reasons';
import { useConditionText } from './use-condition-text';

/** A recorded reason in the viewer's language when the app knows the sentence, else as written. */
export function useReasonText() {
  const { t } = useI18n();
  const { stepValues } = useConditionText();
  const stageRole = (role: StageRole | null) => (role ? t(`stageRoles.${role}`) : '—');
  return (reason: string): string => {
    const message = reasonMessage(reason, stageRole);
    if (!message) return reason;
    const named = { ...message.named };
    if (typeof named.failed === 'string') named.failed = stepValues(named.failed);
    if (typeof named.matched === 'string') named.matched = stepValues(named.matched);
    return t(message.key, named);
  };
}
