import { useI18n } from 'vue-i18n';
import type { AppErrorDetail } from '@/graphql/client';

/** Translates an error by its code; falls back to the server's own message. */
export function useErrorMessage() {
  const { t, te } = useI18n();
  return function describe(error: Pick<AppErrorDetail, 'code' | 'message'>): string {
    const key = `errors.${error.code}` as const;
    return te(key) ? t(key) : error.message;
  };
}
