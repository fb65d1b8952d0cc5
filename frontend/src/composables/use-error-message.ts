import { coachingCriterionLabel } from '@salescircle/shared';
import { useI18n } from 'vue-i18n';
import type { AppErrorDetail } from '@/graphql/client';
import { formatDay, LONG_DAY } from '@/utils/dates';
import { isErrorReason, type ErrorReason } from '@/utils/error-reasons';
import { formatMoney } from '@/utils/money';

/** What a refusal is said from: its code and message, and the reason with its values when the server gave them. */
type Refusal = Pick<AppErrorDetail, 'code' | 'message'> & Partial<Pick<AppErrorDetail, 'reason' | 'limit' | 'params'>>;

/** How a value of a refusal's sentence is said, by its name, where it is more than a text, a number or a day. */
const PARAM_KINDS: Record<string, 'metric' | 'metrics' | 'criterion' | 'percent' | 'money' | 'clientStage' | 'criterionKind' | 'raw'> = {
  metric: 'metric',
  metrics: 'metrics',
  criterion: 'criterion',
  weightSum: 'percent',
  potentialMin: 'money',
  potentialMax: 'money',
  category1From: 'money',
  category2From: 'money',
  fromStage: 'clientStage',
  toStage: 'clientStage',
  criterionKind: 'criterionKind',
  // plural() picks its form by the number itself
  count: 'raw',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The sentence of a reason the app knows, in the viewer's language, with the values the
 * server named filled in: codes by their names here (a KPI metric, a client stage), days
 * and numbers in the viewer's format.
 */
export function useReasonText() {
  const { t, te, locale } = useI18n();
  const named = (prefix: string, code: string) => (te(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code);

  function say(name: string, value: string | number): string | number {
    const text = String(value);
    switch (PARAM_KINDS[name]) {
      case 'raw':
        return value;
      case 'metric':
        return named('analytics.metrics', text);
      case 'metrics':
        return text
          .split(',')
          .map((m) => named('analytics.metrics', m.trim()))
          .join(', ');
      case 'criterion':
        return coachingCriterionLabel(text, locale.value);
      case 'percent':
        return new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value));
      case 'money':
        return formatMoney(value, locale.value);
      case 'clientStage':
        return named('clientStages', text);
      case 'criterionKind':
        return named('handoffs.criterionKinds', text);
      default:
        if (typeof value === 'number') return new Intl.NumberFormat(locale.value).format(value);
        return DAY.test(text) ? formatDay(text, locale.value, LONG_DAY) : text;
    }
  }

  return function reasonText(reason: ErrorReason, error: Pick<Refusal, 'limit' | 'params'>): string {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(error.params ?? {})) values[name] = say(name, value);
    if (error.limit !== undefined) values.limit = new Intl.NumberFormat(locale.value).format(error.limit);
    return t(`errorReasons.${reason}`, values);
  };
}

/** Translates an error by its reason when the app knows it, else by its code; falls back to the server's own message. */
export function useErrorMessage() {
  const { t, te } = useI18n();
  const reasonText = useReasonText();
  return function describe(error: Refusal): string {
    if (isErrorReason(error.reason)) return reasonText(error.reason, error);
    const key = `errors.${error.code}` as const;
    return te(key) ? t(key) : error.message;
  };
}

export interface RefusalText {
  /** In the viewer's language: the reason (its whole sentence) when the app knows it, else the code. */
  summary: string;
  /** The server's own message when the app does not know the reason and the message adds something; null when the reason says it all. */
  detail: string | null;
  /** One line for a form's field: the translated reason when the app knows it, else the server's sentence (it names the field's problem), else the summary. */
  line: string;
}

/** Codes whose server message is written for a person (not a transport or internal failure). */
const EXPLAINED = new Set<AppErrorDetail['code']>(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * Why a change was refused. A reason the app knows is said in full in the viewer's language,
 * with the values it names (no English sentence after it); any other refusal is the
 * translated code and the server's message beside it.
 */
export function useRefusalMessage() {
  const describe = useErrorMessage();
  return function refusal(error: Refusal): RefusalText {
    const summary = describe(error);
    if (isErrorReason(error.reason)) return { summary, detail: null, line: summary };
    const detail = EXPLAINED.has(error.code) && error.message && error.message !== summary ? error.message : null;
    return { summary, detail, line: detail ?? summary };
  };
}
