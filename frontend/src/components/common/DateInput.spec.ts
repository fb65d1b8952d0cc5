import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createAppI18n } from '@/i18n';
import DateInput from './DateInput.vue';

/** A DateInput bound to a ref, as a form uses it. */
function mountField(locale: 'ru' | 'en', start = '2026-01-12') {
  const i18n = createAppI18n(locale);
  const value = ref(start);
  const wrapper = mount(
    defineComponent({
      setup: () => () => h(DateInput, { modelValue: value.value, 'onUpdate:modelValue': (next: string) => (value.value = next), id: 'd', 'data-testid': 'day' }),
    }),
    { global: { plugins: [i18n] } },
  );
  const text = () => wrapper.get('[data-testid="day"]');
  return { wrapper, value, text, i18n };
}

describe('DateInput', () => {
  it('writes the date the way the app language does and follows a change of language', async () => {
    const { text, i18n, wrapper } = mountField('ru');
    expect((text().element as HTMLInputElement).value).toBe('12.01.2026');
    expect(text().attributes('lang')).toBe('ru');
    expect(text().attributes('placeholder')).toBe('ДД.ММ.ГГГГ');
    expect(text().attributes('id')).toBe('d');
    i18n.global.locale.value = 'en';
    await wrapper.vm.$nextTick();
    expect((text().element as HTMLInputElement).value).toBe('01/12/2026');
    expect(text().attributes('placeholder')).toBe('MM/DD/YYYY');
  });

  it('takes a typed date once it reads, and clears with an empty field', async () => {
    const { text, value } = mountField('ru');
    await text().setValue('1.2.2026');
    expect(value.value).toBe('2026-02-01');
    // Typing (input events only; setValue would also leave the field).
    (text().element as HTMLInputElement).value = '31.02';
    await text().trigger('input');
    expect(value.value).toBe('2026-02-01');
    expect(text().attributes('aria-invalid')).toBe('true');
    await text().trigger('change');
    expect((text().element as HTMLInputElement).value).toBe('01.02.2026');
    expect(text().attributes('aria-invalid')).toBeUndefined();
    await text().setValue('');
    expect(value.value).toBe('');
  });

  it('takes the day picked in the browser calendar, and a date set from outside', async () => {
    const { wrapper, text, value } = mountField('en', '');
    expect((text().element as HTMLInputElement).value).toBe('');
    await wrapper.get('.date-input__open').trigger('click');
    await wrapper.get('input[type="date"]').setValue('2026-03-09');
    expect(value.value).toBe('2026-03-09');
    expect((text().element as HTMLInputElement).value).toBe('03/09/2026');
    value.value = '2027-10-01';
    await wrapper.vm.$nextTick();
    expect((text().element as HTMLInputElement).value).toBe('10/01/2027');
  });
});
