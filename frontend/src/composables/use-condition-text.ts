import { useI18n } from 'vue-i18n';
import { formatMoney } from '@/utils/money';
import { parseStepConditions, type ConditionChip } from '@/utils/routing-rules';

/** A condition chip's label and values in the viewer's language ("Region: Москва", "Stage: Active, Regular"). */
export function useConditionText() {
  const { t, locale } = useI18n();

  function values(chip: ConditionChip): string {
    const money = (value: number) => formatMoney(value, locale.value);
    switch (chip.dimension) {
      case 'regions':
      case 'industries':
      case 'productLines':
        return chip.values.join(', ');
      case 'channels':
        return chip.values.map((v) => t(`channels.${v}`)).join(', ');
      case 'ownershipForms':
        return chip.values.map((v) => t(`ownershipForms.${v}`)).join(', ');
      case 'stages':
        return chip.values.map((v) => t(`clientStages.${v}`)).join(', ');
      case 'categories':
        return chip.values.map((v) => t('clients.filter.categoryValue', { category: v })).join(', ');
      case 'vip':
        return chip.value ? t('routing.vipYes') : t('routing.vipNo');
      case 'potential':
        if (chip.min !== null && chip.max !== null) return t('routing.potentialRange', { min: money(chip.min), max: money(chip.max) });
        return chip.min !== null ? t('routing.potentialFrom', { min: money(chip.min) }) : t('routing.potentialBelow', { max: money(chip.max ?? 0) });
    }
  }

  const label = (chip: ConditionChip) => t(`routing.dimensions.${chip.dimension}`);
  const full = (chip: ConditionChip) => `${label(chip)}: ${values(chip)}`;

  /** The client values a routing step names ("stage=ACTIVE, vip=no") in the viewer's language; other text as written. */
  function stepValues(text: string): string {
    const parts = parseStepConditions(text);
    if (!parts) return text;
    return parts
      .map(({ dimension, chip, raw }) => {
        if (chip) return chip.dimension === 'vip' ? values(chip) : full(chip);
        const amount = Number(raw);
        const value = dimension === 'potential' && raw.trim() !== '' && Number.isFinite(amount) ? formatMoney(amount, locale.value) : raw;
        return `${t(`routing.dimensions.${dimension}`)}: ${value}`;
      })
      .join(', ');
  }

  return { values, label, full, stepValues };
}
