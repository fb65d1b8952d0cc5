import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { mapGraphQLError } from '@/graphql/client';
import RefusalMessage from './RefusalMessage.vue';

/** A refusal as the API sends it, shown in a language. */
function shown(locale: 'ru' | 'en', extensions: Record<string, unknown>, message: string) {
  const error = mapGraphQLError({ message, extensions: { code: 'BAD_USER_INPUT', ...extensions } });
  return mount(RefusalMessage, { props: { error }, global: { plugins: [createAppI18n(locale)] } }).text().replace(/\s+/g, ' ');
}

describe('RefusalMessage', () => {
  it('says a broken input rule in the page\'s language with its bound, without the server\'s English sentence', () => {
    const huge = { field: 'target', reason: 'VALUE_TOO_LARGE', limit: 1_000_000_000_000_000 };
    expect(shown('ru', huge, 'target must not be greater than 1000000000000000')).toBe('Слишком большое значение: не больше 1 000 000 000 000 000.');
    expect(shown('en', huge, 'target must not be greater than 1000000000000000')).toBe('Too large: at most 1,000,000,000,000,000.');
    expect(shown('ru', { field: 'name', reason: 'VALUE_TOO_LONG', limit: 200 }, 'name must be 1 to 200 characters')).toBe('Слишком длинно: не больше 200 символов.');
    expect(shown('ru', { field: 'email', reason: 'VALUE_NOT_EMAIL' }, 'email must be a valid email address')).toBe('Это не адрес электронной почты.');
  });

  it('says a reason it knows as one sentence in the page\'s language, the server\'s English one left out', () => {
    expect(shown('ru', { reason: 'DUPLICATE_EMAIL' }, 'lead@demo.local is the e-mail of Ольга Лебедева already.')).toBe('Этот e-mail уже указан у другого сотрудника.');
    expect(shown('en', { reason: 'DUPLICATE_EMAIL' }, 'lead@demo.local is the e-mail of Ольга Лебедева already.')).toBe('Someone else in the company has this e-mail already.');
  });

  it('keeps the server\'s sentence beside the translated code when it does not know the reason', () => {
    expect(shown('ru', { field: 'title', reason: 'SOMETHING_NEW' }, 'The title is taken.')).toBe('Часть данных заполнена неверно. Проверьте их и попробуйте снова. The title is taken.');
  });

  it('inline, says the same two sentences as a form\'s error line, under the data-testid it is given', () => {
    const error = mapGraphQLError({ message: 'The period is closed.', extensions: { code: 'FORBIDDEN' } });
    const wrapper = mount(RefusalMessage, {
      props: { error, inline: true },
      attrs: { 'data-testid': 'forecast-submit-error', class: 'forecast-submit__error' },
      global: { plugins: [createAppI18n('en')] },
    });
    expect(wrapper.element.tagName).toBe('P');
    expect(wrapper.classes()).toEqual(expect.arrayContaining(['field-error', 'forecast-submit__error']));
    expect(wrapper.attributes()).toMatchObject({ role: 'alert', 'data-testid': 'forecast-submit-error', 'data-error-code': 'FORBIDDEN' });
    expect(wrapper.find('svg').exists()).toBe(false);
    expect(wrapper.text()).toBe('You do not have access to this. The period is closed.');
  });
});
