import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { mapGraphQLError } from '@/graphql/client';
import { CLIENT_LABELS } from '@salescircle/shared';
import { createAppI18n } from '@/i18n';
import { useErrorMessage, useRefusalMessage, type RefusalText } from './use-error-message';

/** A client stage as the app names it in a language. */
const stage = (locale: 'ru' | 'en', code: keyof (typeof CLIENT_LABELS)['en']['stages']) => CLIENT_LABELS[locale].stages[code];

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

  it('says what was not found, by the subject the server named, else in general', () => {
    const missing = (subject: string) => ({ code: 'NOT_FOUND', reason: 'SUBJECT_NOT_FOUND', params: { subject } });
    expect(refusalOf('ru', 'The client was not found, or you may not see it.', missing('CLIENT'))).toEqual({
      summary: 'Клиент не найден, или у вас нет к нему доступа.',
      detail: null,
      line: 'Клиент не найден, или у вас нет к нему доступа.',
    });
    expect(refusalOf('en', 'The handoff preview was not found, or you may not see it.', missing('HANDOFF_PREVIEW')).summary).toBe('The handoff preview was not found. Make it again.');
    expect(describedIn('ru', 'The team was not found, or you may not see it.', missing('TEAM'))).toBe('Команда не найдена, или у вас нет к ней доступа.');
    expect(refusalOf('ru', 'Something was not found.', missing('SOMETHING_NEW')).summary).toBe('Не удалось найти то, что вы искали.');
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

  it('fills in the values the server named, in the viewer\'s format: days, shares, metrics and criteria by their names here', () => {
    const period = { code: 'BAD_USER_INPUT', field: 'to', reason: 'PERIOD_ENDS_BEFORE_START', params: { from: '2026-03-10', to: '2026-03-01' } };
    const english = 'The period ends on or after it starts.';
    expect(refusalOf('ru', english, period)).toEqual({
      summary: 'Период заканчивается 1 марта 2026 г. — раньше, чем начинается (10 марта 2026 г.). Выберите конец не раньше начала.',
      detail: null,
      line: 'Период заканчивается 1 марта 2026 г. — раньше, чем начинается (10 марта 2026 г.). Выберите конец не раньше начала.',
    });
    expect(refusalOf('en', english, period).summary).toBe('The period ends on March 1, 2026, before it starts on March 10, 2026: choose an end on or after the start.');
    // without the values (an older server), the sentence is said plainly rather than with gaps
    expect(refusalOf('en', english, { ...period, params: undefined }).summary).toBe('The period ends before it starts: choose an end on or after the start.');

    const weights = { code: 'BAD_USER_INPUT', field: 'targets', reason: 'WEIGHTS_NOT_ONE', params: { weightSum: 0.9 } };
    expect(refusalOf('ru', 'The weights add up to 0.90; they must add up to 1.', weights).summary).toBe('Сумма весов — 90\u00a0%, а должна быть 100\u00a0%.');
    expect(refusalOf('en', 'The weights add up to 0.90; they must add up to 1.', weights).summary).toBe('The weights add up to 90%; they must add up to 100%.');

    const notTeam = (metrics: string, count: number) => ({ code: 'BAD_USER_INPUT', field: 'targets', reason: 'NOT_TEAM_METRIC', params: { metrics, count } });
    expect(refusalOf('ru', 'Not a team metric: COACHEES_PROGRESS', notTeam('COACHEES_PROGRESS', 1)).summary).toBe(
      'Показатель «Прогресс подопечных (изменение оценки)» задают человеку, а не команде: прогресс подопечных и показатели продуктов и регионов — личные.',
    );
    expect(refusalOf('en', 'Not a team metric: PRODUCT_REVENUE, REGION_REVENUE', notTeam('PRODUCT_REVENUE,REGION_REVENUE', 2)).summary).toBe(
      "These are a person's targets, not a team's: Product revenue (all reps), Region revenue (all reps). Coachees' progress and the product and region figures are personal.",
    );

    // client stages by their names here, amounts as money
    const backward = { code: 'BAD_USER_INPUT', field: 'toStage', reason: 'HANDOFF_NOT_FORWARD', params: { fromStage: 'REGULAR', toStage: 'ACTIVE' } };
    expect(refusalOf('en', 'A handoff moves a client forward …', backward).summary).toBe(`A handoff moves a client forward: «${stage('en', 'ACTIVE')}» does not come after «${stage('en', 'REGULAR')}».`);
    expect(refusalOf('ru', 'A handoff moves a client forward …', backward).summary).toBe(`Передача двигает клиента вперёд: этап «${stage('ru', 'ACTIVE')}» не идёт после «${stage('ru', 'REGULAR')}».`);
    const bounds = { code: 'BAD_USER_INPUT', field: 'conditions.potentialMax', reason: 'POTENTIAL_BOUNDS_INVERTED', params: { potentialMin: 5_000_000, potentialMax: 1_000_000 } };
    expect(refusalOf('ru', 'The upper potential bound must be above the lower one.', bounds).summary.replace(/\s/g, ' ')).toBe('Верхняя граница потенциала (1 000 000 ₽) должна быть больше нижней (5 000 000 ₽).');

    // a sentence chosen by a value: who of the team's holders is leaving
    const holder = (role: string) => ({ code: 'BAD_USER_INPUT', field: 'memberId', reason: 'HOLDER_STAYS_IN_TEAM', params: { team: 'Дилерские продажи', holder: role } });
    expect(refusalOf('ru', 'This person is the lead of "Дилерские продажи"; appoint someone else first.', holder('LEAD')).summary).toBe(
      'Этот человек руководит командой «Дилерские продажи»: сначала назначьте другого руководителя.',
    );
    expect(refusalOf('en', 'This person is the coach of "Дилерские продажи"; appoint someone else first.', holder('COACH')).summary).toBe(
      'This person coaches «Дилерские продажи»: appoint another coach before they leave the team.',
    );

    // a default criterion is named in the viewer's language (its stored name has both)
    const score = { code: 'BAD_USER_INPUT', field: 'scores', reason: 'SCORE_OUT_OF_RANGE', params: { criterion: 'Выявление потребностей / Discovery', min: 1, max: 5 } };
    expect(refusalOf('ru', 'The score …', score).summary).toBe('Оценка по критерию «Выявление потребностей» — целое число от 1 до 5.');
    expect(refusalOf('en', 'The score …', score).summary).toBe('The score of «Discovery» is a whole number from 1 to 5.');

    // sprints: the sprint, the process and the person by name, a count by its plural form, a day in the viewer's format
    const overlap = { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'SPRINT_OVERLAP', params: { sprint: 'Спринт 12' } };
    expect(refusalOf('ru', 'The dates overlap the sprint "Спринт 12".', overlap)).toEqual({
      summary: 'Даты пересекаются со спринтом «Спринт 12»: у команды одновременно идёт один спринт, выберите другие даты.',
      detail: null,
      line: 'Даты пересекаются со спринтом «Спринт 12»: у команды одновременно идёт один спринт, выберите другие даты.',
    });
    const tooLong = { code: 'BAD_USER_INPUT', field: 'endsOn', reason: 'SPRINT_TOO_LONG', params: { count: 31 } };
    expect(refusalOf('ru', 'A sprint lasts at most 31 days.', tooLong).summary).toBe('Спринт длится не больше 31 дня: выберите конец пораньше.');
    expect(refusalOf('en', 'A sprint lasts at most 31 days.', tooLong).summary).toBe('A sprint lasts at most 31 days: choose an earlier end.');
    const wip = { code: 'WIP_LIMIT', reason: 'MEMBER_WIP_LIMIT', params: { name: 'Павел Петров', wouldBe: 6, limit: 5 } };
    expect(refusalOf('ru', 'That would make 6 processes in progress for Павел Петров, over the limit of 5.', wip).summary).toBe(
      'Павел Петров: процессов в работе стало бы 6 при WIP-лимите 5. Сначала закончите один из процессов, или руководитель может превысить лимит.',
    );
    // the team by name (params.team); without it (an older server), the plain sentence
    const teamWip = { code: 'WIP_LIMIT', reason: 'TEAM_WIP_LIMIT', params: { team: 'Дилерские продажи', wouldBe: 21, limit: 20 } };
    expect(refusalOf('ru', 'That would make 21 processes in progress for the team "Дилерские продажи", over the limit of 20.', teamWip).summary).toBe(
      'У команды «Дилерские продажи» стало бы 21 процессов в работе при WIP-лимите 20. Сначала закончите процесс, или руководитель может превысить лимит.',
    );
    expect(refusalOf('en', 'That would make 21 processes in progress for the team "Дилерские продажи", over the limit of 20.', teamWip).summary).toBe(
      'That would make 21 processes in progress for the team «Дилерские продажи», over its limit of 20. Finish a process first, or the lead may go over it.',
    );
    expect(refusalOf('en', 'Over the limit.', { code: 'WIP_LIMIT', reason: 'TEAM_WIP_LIMIT', params: { wouldBe: 21, limit: 20 } }).summary).toBe(
      'The team is at its work-in-progress limit. Finish a process first, or the lead may go over it.',
    );
    const running = { code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'RUNNING_SPRINT_START', params: { startsOn: '2026-11-23' } };
    expect(refusalOf('en', 'A running sprint keeps its first day; change its end instead.', running).summary).toBe('A running sprint keeps its first day (November 23, 2026): change its end instead.');
    const later = (count: number) => ({ code: 'BAD_USER_INPUT', field: 'startsOn', reason: 'PROCESS_DUE_BEFORE_START', params: { process: 'Тендер РЖД', dueOn: '2027-09-03', count, startsOn: '2027-09-05' } });
    expect(refusalOf('ru', '…', later(1)).summary).toBe('Процесс «Тендер РЖД» со сроком 3 сентября 2027 г. оказался бы раньше начала спринта (5 сентября 2027 г.): сначала перенесите его срок или выберите более раннее начало.');
    expect(refusalOf('ru', '…', later(5)).summary).toBe('5 процессов со сроком раньше 5 сентября 2027 г. (первый — «Тендер РЖД», 3 сентября 2027 г.): сначала перенесите их сроки или выберите более раннее начало.');
    expect(refusalOf('en', '…', later(2)).summary).toBe('2 processes are due before the new start (September 5, 2027), the first «Тендер РЖД» on September 3, 2027: move their due dates first or choose an earlier start.');
    const lead = { code: 'FORBIDDEN', reason: 'LEAD_ONLY', params: { action: 'CLOSE' } };
    expect(refusalOf('ru', 'The lead of the team (or its director) closes its sprints.', lead).summary).toBe('Спринты команды закрывает только её руководитель (или директор).');
    const notes = { code: 'BAD_USER_INPUT', field: 'review', reason: 'VALUE_TOO_LONG', limit: 5000 };
    expect(refusalOf('en', 'At most 5000 characters.', notes).summary).toBe('Too long: at most 5,000 characters.');

    // the circle: people, teams and lines by name ("Имя: …" in Russian), a schedule's slot and hours
    const inactive = { code: 'BAD_USER_INPUT', field: 'active', reason: 'TEAM_HOLDER_INACTIVE', params: { name: 'Павел Волков', team: 'Ключевые клиенты', holder: 'LEAD' } };
    expect(refusalOf('ru', 'Павел Волков is the lead of "Ключевые клиенты" and so stays active: appoint another lead first.', inactive).summary).toBe(
      'Павел Волков: руководитель команды «Ключевые клиенты» остаётся активным — сначала назначьте в команду другого руководителя.',
    );
    const email = { code: 'BAD_USER_INPUT', field: 'email', reason: 'DUPLICATE_EMAIL', params: { email: 'lead@demo.local', name: 'Ольга Лебедева' } };
    expect(refusalOf('ru', 'lead@demo.local is the e-mail of Ольга Лебедева already.', email).summary).toBe('lead@demo.local — уже e-mail другого сотрудника: Ольга Лебедева.');
    expect(refusalOf('en', 'lead@demo.local is the e-mail of Ольга Лебедева already.', email).summary).toBe('lead@demo.local is already the e-mail of Ольга Лебедева.');
    const cycle = { code: 'BAD_USER_INPUT', reason: 'REPORTING_CYCLE', params: { path: 'Андрей Соколов → Иван Петров → Андрей Соколов' } };
    expect(refusalOf('ru', 'Reporting lines would go round in a circle: …', cycle).summary).toBe('Линии подчинения замкнулись бы в круг: Андрей Соколов → Иван Петров → Андрей Соколов.');
    const overlap2 = { slot: 2, startsAt: '12:00', endsAt: '18:00', problem: 'OVERLAP', otherSlot: 1, otherStartsAt: '09:00', otherEndsAt: '13:00', count: 1 };
    const schedule = refusalOf('ru', 'The schedule has problems: slot 2 (12:00-18:00) overlaps slot 1 (09:00-13:00).', { code: 'BAD_USER_INPUT', field: 'slots', reason: 'BAD_SCHEDULE', params: overlap2 });
    expect(schedule).toEqual({
      summary: 'Интервал 2 (12:00–18:00) пересекается с интервалом 1 (09:00–13:00) в тот же день: объедините их или сдвиньте один.',
      detail: null,
      line: 'Интервал 2 (12:00–18:00) пересекается с интервалом 1 (09:00–13:00) в тот же день: объедините их или сдвиньте один.',
    });
    const change = { code: 'FORBIDDEN', reason: 'MEMBER_CHANGE_NOT_ALLOWED', params: { name: 'Рита Рябова', change: 'SCHEDULE' } };
    expect(refusalOf('en', 'You may not change the schedule of Рита Рябова.', change).summary).toBe('You may not change the work schedule of Рита Рябова.');
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
    // a file the server cannot read is said by what to fix (the file, the columns it lacks), with no English after it
    const lacks = { code: 'BAD_USER_INPUT', field: 'salesTeams', reason: 'BAD_FILE', params: { file: 'sales_teams.csv', problem: 'MISSING_COLUMNS', columns: 'sales_agent', expected: 'sales_agent, manager, regional_office' } };
    expect(refusalOf('ru', 'sales_teams.csv: the header lacks sales_agent', lacks)).toEqual({
      summary: 'sales_teams.csv: в заголовке нет столбцов sales_agent. Нужны столбцы sales_agent, manager, regional_office.',
      detail: null,
      line: 'sales_teams.csv: в заголовке нет столбцов sales_agent. Нужны столбцы sales_agent, manager, regional_office.',
    });
    const twice = { code: 'BAD_USER_INPUT', field: 'mapping', reason: 'BAD_MAPPING', params: { problem: 'FIELD_FROM_TWO_COLUMNS', field: 'name', entity: 'CLIENTS', column: 'Name', otherColumn: 'Title' } };
    expect(refusalOf('en', 'The field name is filled from two columns: "Name" and "Title".', twice).summary).toBe('The field name is filled from two columns, «Name» and «Title»: choose one.');
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
