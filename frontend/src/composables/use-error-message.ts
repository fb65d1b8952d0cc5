import { useI18n } from 'vue-i18n';
import type { AppErrorDetail } from '@/graphql/client';
import { isErrorReason, isValueReason } from '@/utils/error-reasons';

/** Translates an error by its code; falls back to the server's own message. */
export function useErrorMessage() {
  const { t, te } = useI18n();
  return function describe(error: Pick<AppErrorDetail, 'code' | 'message'>): string {
    const key = `errors.${error.code}` as const;
    return te(key) ? t(key) : error.message;
  };
}

export interface RefusalText {
  /** In the viewer's language: the reason when the app knows it, else the code. */
  summary: string;
  /** The server's own message (it names the people involved), when it adds something. */
  detail: string | null;
}

/** Codes whose server message is written for a person (not a transport or internal failure). */
const EXPLAINED = new Set<AppErrorDetail['code']>(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND']);

/** Why a change was refused: the translated reason or code, and the server's message beside it. */
export function useRefusalMessage() {
  const { t, locale } = useI18n();
  const describe = useErrorMessage();
  return function refusal(error: Pick<AppErrorDetail, 'code' | 'message' | 'reason' | 'limit'>): RefusalText {
    if (isErrorReason(error.reason) && isValueReason(error.reason)) {
      // a rule of the input (too large, too long, not an e-mail): said in full here, the server's English sentence adds nothing
      const limit = error.limit === undefined ? '' : new Intl.NumberFormat(locale.value).format(error.limit);
      return { summary: t(`errorReasons.${error.reason}`, { limit }), detail: null };
    }
    const summary = isErrorReason(error.reason) ? t(`errorReasons.${error.reason}`) : describe(error);
    const detail = EXPLAINED.has(error.code) && error.message && error.message !== summary ? error.message : null;
    return { summary, detail };
  };
}
