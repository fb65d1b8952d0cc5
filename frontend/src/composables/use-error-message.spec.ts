import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { mapGraphQLError } from '@/graphql/client';
import { createAppI18n } from '@/i18n';
import { useErrorMessage, useRefusalMessage, type RefusalText } from './use-error-message';

/** The two composables as a page in a language has them (one component mounted per call). */
function composablesIn(locale: 'ru' | 'en') {
  let made: { refusal: ReturnType<typeof useRefusalMessage>; describe: ReturnType<typeof useErrorMessage> } | undefined;
  mount(
    defineComponent({
      setup() {
        made = { refusal: useRefusalMessage(), describe: useErrorMessage() };
        return () => h('div');
      },
    }),
    { global: { plugins: [createAppI18n(locale)] } },
  );
  if (!made) throw new Error('setup did not run');
  return made;
}

/** What useRefusalMessage makes of a refusal as the API sends it, in a language. */
function refusalOf(locale: 'ru' | 'en', message: string, extensions: Record<string, unknown>): RefusalText {
  return composablesIn(locale).refusal(mapGraphQLError({ message, extensions }));
}

/** What useErrorMessage (one sentence, as ErrorState says a failed load) makes of it. */
function describedIn(locale: 'ru' | 'en', message: string, extensions: Record<string, unknown>): string {
  return composablesIn(locale).describe(mapGraphQLError({ message, extensions }));
}

describe('useRefusalMessage', () => {
  it('says a reason the app knows in full in the viewer\'s language, with its bound, and no English sentence after it', () => {
    const huge = { code: 'BAD_USER_INPUT', field: 'days', reason: 'VALUE_TOO_LARGE', limit: 730 };
    expect(refusalOf('ru', 'days is 1 to 730.', huge)).toEqual({ summary: 'Слишком большое значение: не больше 730.', detail: null, line: 'Слишком большое значение: не больше 730.' });
    expect(refusalOf('en', 'days is 1 to 730.', huge)).toEqual({ summary: 'Too large: at most 730.', detail: null, line: 'Too large: at most 730.' });
    const role = { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' };
    expect(refusalOf('ru', 'Your role may not do this.', role)).toEqual({ summary: 'Вашей роли это не разрешено.', detail: null, line: 'Вашей роли это не разрешено.' });
    expect(refusalOf('en', 'Your role may not do this.', role).detail).toBeNull();
  });

  it('names the thing that changed when the server sent its name, and says it plainly when not', () => {
    const stale = (params?: Record<string, unknown>) => ({ code: 'CONFLICT', reason: 'STALE_VERSION', ...(params ? { params } : {}) });
    expect(refusalOf('ru', '"ООО «Ромашка»" was changed by someone else meanwhile.', stale({ name: 'ООО «Ромашка»' }))).toEqual({
      summary: 'ООО «Ромашка»: данные уже изменил кто-то другой. Проверьте актуальные данные и повторите.',
      detail: null,
      line: 'ООО «Ромашка»: данные уже изменил кто-то другой. Проверьте актуальные данные и повторите.',
    });
    expect(refusalOf('en', '"ООО «Ромашка»" was changed by someone else meanwhile.', stale({ name: 'ООО «Ромашка»' })).summary).toBe(
      'ООО «Ромашка» was changed by someone else meanwhile. Check the latest data and try again.',
    );
    expect(refusalOf('en', 'Rita was changed by someone else meanwhile.', stale()).summary).toBe(
      'Someone else changed this person meanwhile. The latest data is shown now; check it and try again.',
    );
  });

  it('keeps the translated code and the server\'s sentence beside it for a reason the app does not know, or none', () => {
    const unknown = { code: 'BAD_USER_INPUT', field: 'title', reason: 'SOMETHING_NEW' };
    expect(refusalOf('ru', 'The title is taken.', unknown)).toEqual({
      summary: 'Часть данных заполнена неверно. Проверьте их и попробуйте снова.',
      detail: 'The title is taken.',
      line: 'The title is taken.',
    });
    expect(refusalOf('en', 'The period is closed.', { code: 'FORBIDDEN' })).toEqual({
      summary: 'You do not have access to this.',
      detail: 'The period is closed.',
      line: 'The period is closed.',
    });
    // a reason whose sentence here is general (the file cannot be read) keeps the server's specifics beside it until it sends them as params
    expect(refusalOf('ru', 'sales_teams.csv: the header lacks sales_agent', { code: 'BAD_USER_INPUT', field: 'salesTeams', reason: 'BAD_FILE' })).toEqual({
      summary: 'Файл не читается.',
      detail: 'sales_teams.csv: the header lacks sales_agent',
      line: 'sales_teams.csv: the header lacks sales_agent',
    });
    // a transport or internal failure: its message is not written for a person
    expect(refusalOf('en', 'Something went wrong on our side (reference 1a2b3c4d).', { code: 'INTERNAL_SERVER_ERROR', ref: '1a2b3c4d' })).toEqual({
      summary: 'The server could not complete the request. Try again in a moment.',
      detail: null,
      line: 'The server could not complete the request. Try again in a moment.',
    });
  });
});

describe('useErrorMessage', () => {
  it('says a known reason rather than its code, else the code, else the server\'s message', () => {
    expect(describedIn('ru', 'days is 1 to 730.', { code: 'BAD_USER_INPUT', reason: 'VALUE_TOO_SMALL', limit: 1 })).toBe('Слишком маленькое значение: не меньше 1.');
    expect(describedIn('en', 'The team was not found, or you may not see it.', { code: 'NOT_FOUND' })).toBe('We could not find what you asked for.');
  });
});
