import { computed, ref, watch } from 'vue';
import { parseAmountInput } from '@/utils/client-filter';

export interface AmountFieldOptions<Empty extends number | null> {
  /** The amount the field stands for (a filter's bound, a form's value), read afresh each time. */
  value: () => number | Empty;
  /** Takes a good amount typed, or `empty` for a cleared field. */
  set: (value: number | Empty) => void;
  /** What a cleared field means: null (no amount, e.g. no bound) or an amount (e.g. 0). */
  empty: Empty;
  /** The largest amount taken (inclusive); a larger one is wrong like letters are. */
  max?: number;
}

/**
 * A typed amount (a potential, "1 000 000", "1,5") that is wrong (negative, letters, beyond `max`)
 * stays in the field and is said beside it, while the value keeps its last good amount. `shown` is
 * what the field shows, `invalid` whether to say it is wrong; `change` takes the text typed. The
 * wrong text goes when the value changes from elsewhere (the address, a reset of the form) or on
 * `reset`.
 */
export function useAmountField<Empty extends number | null>(options: AmountFieldOptions<Empty>) {
  /** The wrong text typed; null when the field shows the value. */
  const bad = ref<string | null>(null);
  watch(options.value, () => (bad.value = null));

  const shown = computed<string | number>(() => bad.value ?? options.value() ?? '');
  const invalid = computed(() => bad.value !== null);

  function change(typed: string): void {
    if (typed.trim() === '') {
      bad.value = null;
      options.set(options.empty);
      return;
    }
    const value = parseAmountInput(typed);
    if (value === null || (options.max !== undefined && value > options.max)) {
      bad.value = typed;
      return;
    }
    bad.value = null;
    options.set(value);
  }

  function reset(): void {
    bad.value = null;
  }

  return { shown, invalid, change, reset };
}
