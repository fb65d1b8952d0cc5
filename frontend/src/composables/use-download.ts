import { ref, shallowRef } from 'vue';
import { AppError } from '@/graphql/client';
import { useAuthStore } from '@/stores/auth';

/** The file name a response suggests (Content-Disposition), else the fallback. */
export function downloadName(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/**
 * Downloads a file the server makes for the signed-in user (it needs the bearer token, so a
 * plain link would not do): fetched, then saved through a Blob and an object URL.
 */
export function useDownload() {
  const auth = useAuthStore();
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);

  async function download(url: string, fallbackName: string): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const headers: Record<string, string> = {};
      if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
      const response = await fetch(url, { headers });
      if (!response.ok) {
        const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : response.status === 400 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
        throw new AppError({ code, message: `HTTP ${response.status}` });
      }
      const blob = await response.blob();
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = downloadName(response.headers.get('Content-Disposition'), fallbackName);
      document.body.append(link);
      link.click();
      link.remove();
      // Give the browser a moment to start the download before the URL goes.
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      return true;
    } catch (caught) {
      error.value = caught instanceof AppError ? caught : new AppError({ code: 'NETWORK_ERROR', message: caught instanceof Error ? caught.message : String(caught) });
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, download };
}
