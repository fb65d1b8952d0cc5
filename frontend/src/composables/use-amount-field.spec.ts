import { describe, expect, it } from 'vitest';
import { h, nextTick, ref } from 'vue';
import { createFakeFetch } from '@/testing/fake-fetch';
import { withSetup } from '@/testing/with-setup';
import { useAmountField } from './use-amount-field';

/** A field on an amount kept outside it (a filter's bound, a form's value), drawn as an input and the "wrong" line. */
function field<Empty extends number | null>(start: number | Empty, empty: Empty, max?: number) {
  const value = ref<number | Empty>(start);
  const sets: (number | Empty)[] = [];
  const { result, wrapper } = withSetup(
    () => useAmountField({ value: () => value.value, set: (next) => (sets.push(next), (value.value = next)), empty, max }),
    createFakeFetch().fetch,
    (amount) => [
      h('input', { value: amount.shown.value, 'aria-invalid': amount.invalid.value, onChange: (e: Event) => amount.change((e.target as HTMLInputElement).value) }),
      amount.invalid.value ? h('p', { 'data-testid': 'wrong' }, 'wrong') : null,
    ],
  );
  return { value, sets, amount: result, wrapper };
}

describe('useAmountField', () => {
  it('keeps a wrong text in the field and says it, while the value keeps its last good amount', async () => {
    const { value, sets, amount, wrapper } = field<number | null>(1000, null);
    const input = wrapper.get('input');
    expect((input.element as HTMLInputElement).value).toBe('1000');

    for (const typed of ['-5000', 'abc', '1 000 x']) {
      await input.setValue(typed); // input, then change
      expect((input.element as HTMLInputElement).value).toBe(typed);
      expect(input.attributes('aria-invalid')).toBe('true');
      expect(wrapper.find('[data-testid="wrong"]').exists()).toBe(true);
      expect(value.value).toBe(1000);
    }
    expect(sets).toEqual([]);

    await input.setValue('2 500 000,5');
    expect(amount.invalid.value).toBe(false);
    expect(wrapper.find('[data-testid="wrong"]').exists()).toBe(false);
    expect(value.value).toBe(2_500_000.5);
    expect(sets).toEqual([2_500_000.5]);
  });

  it('takes a cleared field as `empty`: no amount, or the amount given', async () => {
    const bound = field<number | null>(1000, null);
    await bound.wrapper.get('input').setValue('  ');
    expect(bound.value.value).toBeNull();
    expect(bound.amount.shown.value).toBe('');
    expect(bound.amount.invalid.value).toBe(false);

    const potential = field(5000, 0);
    await potential.wrapper.get('input').setValue('');
    expect(potential.value.value).toBe(0);
    expect(potential.amount.shown.value).toBe(0);
  });

  it('says an amount beyond the bound wrong and takes the bound itself', async () => {
    const { value, amount, wrapper } = field(0, 0, 1e14);
    const input = wrapper.get('input');
    for (const typed of ['1e26', '100000000000001']) {
      await input.setValue(typed);
      expect(amount.invalid.value).toBe(true);
      expect((input.element as HTMLInputElement).value).toBe(typed);
    }
    expect(value.value).toBe(0);
    await input.setValue('100 000 000 000 000');
    expect(amount.invalid.value).toBe(false);
    expect(value.value).toBe(1e14);
  });

  it('drops the wrong text when the value changes from elsewhere, or on reset', async () => {
    const { value, amount, wrapper } = field<number | null>(null, null);
    const input = wrapper.get('input');
    await input.setValue('abc');
    value.value = 3000; // e.g. the address changed
    await nextTick();
    expect(amount.invalid.value).toBe(false);
    expect((input.element as HTMLInputElement).value).toBe('3000');

    await input.setValue('-1');
    amount.reset(); // e.g. "clear all" to a value that was already there
    await nextTick();
    expect(amount.invalid.value).toBe(false);
    expect((input.element as HTMLInputElement).value).toBe('3000');
  });
});
