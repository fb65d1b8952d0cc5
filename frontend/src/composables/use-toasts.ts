import { readonly, ref } from 'vue';

export interface Toast {
  id: number;
  tone: 'success' | 'error';
  /** Read when drawn, so the notice follows a change of language. */
  text: () => string;
}

/** Short notices of a page (moves saved, moves refused); errors stay until closed. */
export function useToasts(successMs = 4000) {
  const toasts = ref<Toast[]>([]);
  let next = 0;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function show(tone: Toast['tone'], text: () => string): void {
    const id = ++next;
    toasts.value = [...toasts.value.slice(-3), { id, tone, text }];
    if (tone === 'success') setTimeout(() => dismiss(id), successMs);
  }

  return {
    toasts: readonly(toasts),
    success: (text: () => string) => show('success', text),
    error: (text: () => string) => show('error', text),
    dismiss,
  };
}
