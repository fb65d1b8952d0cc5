import { useI18n } from 'vue-i18n';
import { formatDay } from '@/utils/dates';
import { importReasonMessage, type CodedImportReason, type ImportReasonLabels } from '@/utils/csv-import-reasons';

/** An import's reason or note (a CSV file's, the maven-crm export's) in the viewer's language from its code and values; the server's English sentence for a code the app does not know. */
export function useImportReasonText() {
  const { t, te, locale } = useI18n();
  const named = (prefix: string, key: string) => (te(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key);
  const labels: ImportReasonLabels = {
    field: (key) => named('analytics.import.csv.fields', key),
    stageKind: (kind) => named('analytics.import.csv.stageKinds', kind),
    derivedBy: (entity) => named('analytics.import.csv.derivedBy', entity),
    day: (day) => formatDay(day, locale.value),
  };
  return (reason: CodedImportReason): string => {
    const message = importReasonMessage(reason, labels);
    return message ? t(message.key, message.named) : reason.message;
  };
}
