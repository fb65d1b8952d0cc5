import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createAppI18n } from '@/i18n';
import FileInput from './FileInput.vue';

type Props = { multiple?: boolean; disabled?: boolean; id?: string; fileNames?: readonly string[]; chosenTestid?: string };
type ChosenSlot = (scope: { names: readonly string[] }) => string;

/** A FileInput as a form uses it: props (changeable), an optional chosen slot, the change events recorded. */
function mountField(locale: 'ru' | 'en', start: Props = {}, slot?: ChosenSlot) {
  const i18n = createAppI18n(locale);
  const props = ref<Props>({ id: 'f', ...start });
  const changes: { event: Event; files: File[] }[] = [];
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(
          FileInput,
          { accept: '.csv,text/csv', 'data-testid': 'file', onChange: (event: Event, files: File[]) => changes.push({ event, files }), ...props.value },
          slot && (props.value.fileNames?.length ?? 0) > 0 ? { chosen: slot } : {},
        ),
    }),
    { global: { plugins: [i18n] } },
  );
  const input = () => wrapper.get('[data-testid="file"]');
  const button = () => wrapper.get('label.file-input__button');
  const chosen = () => wrapper.get('.file-input__chosen');
  return { wrapper, props, input, button, chosen, changes, i18n };
}

/** Puts files into the input as a person choosing them would. */
async function choose(input: { element: Element; trigger: (event: string) => Promise<void> }, files: File[]): Promise<void> {
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
}

const file = (name: string) => new File(['a,b\n1,2\n'], name, { type: 'text/csv' });

describe('FileInput', () => {
  it('keeps the native input with its attributes, hidden only to the eye, and labels it in the app language', async () => {
    const { input, button, chosen, i18n, wrapper } = mountField('ru');
    const el = input().element as HTMLInputElement;
    expect(el.type).toBe('file');
    expect(el.id).toBe('f');
    expect(el.accept).toBe('.csv,text/csv');
    expect(el.multiple).toBe(false);
    expect(el.disabled).toBe(false);
    expect(input().classes()).toContain('sr-only');
    expect(input().attributes('tabindex')).toBeUndefined();
    expect(input().attributes('aria-hidden')).toBeUndefined();
    expect(input().attributes('aria-describedby')).toBe(chosen().attributes('id'));
    expect(button().attributes('for')).toBe('f');
    expect(button().classes()).toContain('btn');
    expect(button().text()).toBe('Выбрать файл');
    expect(chosen().text()).toBe('Файл не выбран');
    expect(chosen().classes()).toContain('file-input__chosen--none');
    i18n.global.locale.value = 'en';
    await wrapper.vm.$nextTick();
    expect(button().text()).toBe('Choose file');
    expect(chosen().text()).toBe('No file chosen');
  });

  it('shows the chosen file and passes the change on with its files', async () => {
    const { input, chosen, changes } = mountField('en');
    const one = file('clients.csv');
    await choose(input(), [one]);
    expect(chosen().text()).toBe('clients.csv');
    expect(chosen().classes()).not.toContain('file-input__chosen--none');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.event.target).toBe(input().element);
    expect(changes[0]!.files).toEqual([one]);
    await choose(input(), []);
    expect(chosen().text()).toBe('No file chosen');
  });

  it('counts several files with the plural forms of the language', async () => {
    const { input, button, chosen, i18n, wrapper } = mountField('ru', { multiple: true });
    expect((input().element as HTMLInputElement).multiple).toBe(true);
    expect(button().text()).toBe('Выбрать файлы');
    await choose(input(), [file('a.csv'), file('b.csv'), file('c.csv')]);
    expect(chosen().text()).toBe('3 файла');
    expect(chosen().attributes('title')).toBe('a.csv\nb.csv\nc.csv');
    await choose(input(), ['a', 'b', 'c', 'd', 'e'].map((n) => file(`${n}.csv`)));
    expect(chosen().text()).toBe('5 файлов');
    const many = Array.from({ length: 21 }, (_, i) => file(`${i}.csv`));
    await choose(input(), many);
    expect(chosen().text()).toBe('21 файл');
    i18n.global.locale.value = 'en';
    await wrapper.vm.$nextTick();
    expect(button().text()).toBe('Choose files');
    expect(chosen().text()).toBe('21 files');
  });

  it('shows what the caller says is chosen, in its own words when it gives them', async () => {
    const { wrapper, props, input, button } = mountField('en', { id: undefined, fileNames: [], chosenTestid: 'chosen' }, ({ names }) => `${names[0]} · 2 rows`);
    const chosen = () => wrapper.get('[data-testid="chosen"]');
    expect(chosen().text()).toBe('No file chosen');
    // The id is made up when none is given, and the label still points at the input.
    const id = input().attributes('id');
    expect(id).toBeTruthy();
    expect(button().attributes('for')).toBe(id);
    props.value = { ...props.value, fileNames: ['deals.csv'] };
    await wrapper.vm.$nextTick();
    expect(chosen().text()).toBe('deals.csv · 2 rows');
  });

  it('disables the native input', () => {
    const { input, wrapper } = mountField('en', { disabled: true });
    expect((input().element as HTMLInputElement).disabled).toBe(true);
    expect(wrapper.get('.file-input').classes()).toContain('file-input--disabled');
  });
});
