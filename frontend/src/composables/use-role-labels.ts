import type { Role, StageRole } from '@salescircle/shared';
import { useI18n } from 'vue-i18n';
import { compositionLabelKey, isCompositionKey, memberRoleLabelKey } from '@/utils/composition';

/** Translated names of roles, stage roles and composition slices. */
export function useRoleLabels() {
  const { t } = useI18n();
  return {
    roleLabel: (role: Role) => t(`roles.${role}`),
    /** A composition slice key; an unknown key is shown as it is. */
    compositionLabel: (key: string) => (isCompositionKey(key) ? t(compositionLabelKey(key)) : key),
    memberRoleLabel: (member: { role: Role; stageRole?: StageRole | null }) => t(memberRoleLabelKey(member)),
  };
}
