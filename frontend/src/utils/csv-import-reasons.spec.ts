import { CSV_IMPORT_REASONS, MAVEN_IMPORT_REASONS, csvImportReason, mavenImportNote, mavenImportReason, type CsvImportReasonCode } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { en } from '@/i18n/en';
import { ru } from '@/i18n/ru';
import { formatDay } from './dates';
import { importReasonMessage, type CodedImportReason, type ImportReasonLabels } from './csv-import-reasons';

/** A reason as the API gives it (its values as text). */
const api = (reason: { code: string; params: Record<string, string | number>; message: string }): CodedImportReason => ({
  code: reason.code,
  params: Object.entries(reason.params).map(([name, value]) => ({ name, value: String(value) })),
  message: reason.message,
});

/** The app's text of a reason in a language (what the import page shows). */
function say(locale: 'ru' | 'en', reason: CodedImportReason): string {
  const { t, te } = createAppI18n(locale).global;
  const of = (prefix: string, key: string) => (te(`${prefix}.${key}`) ? t(`${prefix}.${key}`) : key);
  const labels: ImportReasonLabels = {
    field: (key) => of('analytics.import.csv.fields', key),
    stageKind: (kind) => of('analytics.import.csv.stageKinds', kind),
    derivedBy: (entity) => of('analytics.import.csv.derivedBy', entity),
    day: (day) => formatDay(day, locale),
  };
  const message = importReasonMessage(reason, labels);
  return message ? t(message.key, message.named) : reason.message;
}

const cell = { column: 'ИНН', field: 'inn', value: '7707083894' };

/** One reason of every code, with values of the kinds the API gives. */
const SAMPLES: Record<CsvImportReasonCode, CodedImportReason> = Object.fromEntries(
  CSV_IMPORT_REASONS.map((code) => {
    const params: Record<string, string | number> = { ...cell, member: 'Олег Ким', count: 2, pipeline: 'amoCRM', stages: 'Переговоры (OPEN), Выиграна (WON)', line: 3, key: 'csv:client:1' };
    Object.assign(params, { stage: 'Выиграна', kind: 'WON', closedOn: '2025-08-20', startedOn: '2025-09-01', match: 'Иван Петров', client: 'Горздрав', inn: '7712345015', day: '2026-12-02', columns: 'Телефон', entity: 'DEALS', prefix: 'csv:deal' });
    return [code, api({ code, params, message: `the server's ${code}` })];
  }),
) as Record<CsvImportReasonCode, CodedImportReason>;

describe('importReasonMessage', () => {
  it('says every reason the import gives in Russian and in English, every value filled in', () => {
    for (const code of CSV_IMPORT_REASONS) {
      expect(typeof (en.analytics.import.csv.reasons as Record<string, unknown>)[code], code).toBe(typeof (ru.analytics.import.csv.reasons as Record<string, unknown>)[code]);
      for (const locale of ['ru', 'en'] as const) {
        const text = say(locale, SAMPLES[code]);
        expect(text, `${locale} ${code}`).not.toBe(SAMPLES[code].message);
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]|undefined/);
      }
    }
  });

  it('names a cell by its column and text, in the viewer\'s language', () => {
    const reason = api(csvImportReason('INN_BAD_CHECKSUM', { column: 'ИНН', field: 'inn', value: '6603987653' }));
    expect(say('ru', reason)).toBe('ИНН «6603987653»: неверный ИНН, контрольные цифры не сходятся.');
    expect(say('en', reason)).toBe('ИНН «6603987653»: not a valid INN, the check digits do not match.');
    expect(say('ru', api(csvImportReason('REQUIRED', { column: 'Название компании', field: 'name', value: '' })))).toBe('Название компании: пусто, а поле обязательное.');
  });

  it('names a field by its title, days by the locale, stage kinds in words and counts in the right form', () => {
    expect(say('ru', api(csvImportReason('VALUE_MATCHED', { field: 'product', value: 'сервер sc-s1', match: 'Сервер SC-S1' })))).toBe('Продукт: «сервер sc-s1» → Сервер SC-S1');
    expect(say('en', api(csvImportReason('VALUE_MATCHED', { field: 'clientName', value: 'ромашка', match: 'Ромашка' })))).toBe('Client name: «ромашка» → Ромашка');
    expect(say('ru', api(csvImportReason('CLOSED_BEFORE_START', { closedOn: '2025-08-20', startedOn: '2025-09-01' })))).toBe('Дата закрытия (20 авг. 2025 г.) раньше даты создания (1 сент. 2025 г.).');
    expect(say('ru', api(csvImportReason('NEW_PIPELINE', { pipeline: 'amoCRM', stages: 'Переговоры (OPEN), Думают (OPEN), Выиграна (WON)' })))).toBe(
      'Создана воронка «amoCRM» с этапами Переговоры (открытый), Думают (открытый), Выиграна (выигрыш).',
    );
    const ambiguous = (count: number) => api(csvImportReason('AMBIGUOUS_CLIENT', { column: 'Компания', field: 'clientName', value: 'Ромашка', count }));
    expect(say('ru', ambiguous(2))).toBe('Компания «Ромашка»: так называются 2 клиента (укажите внешний id клиента).');
    expect(say('ru', ambiguous(5))).toBe('Компания «Ромашка»: так называются 5 клиентов (укажите внешний id клиента).');
    expect(say('en', api(csvImportReason('DUPLICATE_RECORD', { line: 3, key: 'csv:client:amo-1' })))).toBe('The same record as line 3 (key csv:client:amo-1).');
  });

  it('says how rows without an external id are found again, per entity', () => {
    expect(say('ru', api({ code: 'DERIVED_KEYS', params: { entity: 'CLIENTS', prefix: 'csv:client' }, message: '' }))).toBe(
      'Строки без внешнего id: при повторном импорте находятся по ИНН, а без него по названию (csv:client#…).',
    );
    expect(say('en', api({ code: 'DERIVED_KEYS', params: { entity: 'ACTIVITIES', prefix: 'csv:activity' }, message: '' }))).toBe(
      'Rows without an external id: found again by type, time, owner, client and deal (csv:activity#…).',
    );
  });

  it('leaves a code it does not know (a newer server\'s) as the server wrote it', () => {
    expect(say('ru', { code: 'SOMETHING_NEW', params: [], message: 'something new happened' })).toBe('something new happened');
    expect(say('ru', { code: 'RECONCILED_SECTOR_', params: [], message: 'reconciled sector' })).toBe('reconciled sector');
  });
});

describe('importReasonMessage of the maven-crm import', () => {
  const params: Record<string, string | number> = {
    column: 'close_date',
    value: '2017-02-30',
    line: 3,
    max: 300,
    stages: 'Prospecting, Engaging, Won, Lost',
    file: 'accounts.csv',
    closedOn: '2017-01-05',
    engagedOn: '2017-02-01',
    stage: 'Won',
    match: 'GTX Pro',
    stageKind: 'WON',
    day: '2017-12-31',
    columns: 'phone',
    team: 'Central',
    count: 2,
    managers: 'Dustin Brinkmann, Melvin Marxen',
    lead: 'Dustin Brinkmann',
    from: 'technolgy',
    to: 'technology',
  };

  it('says every reason and note it gives in Russian and in English, every value filled in', () => {
    for (const code of MAVEN_IMPORT_REASONS) {
      expect(typeof (en.analytics.import.maven.reasons as Record<string, unknown>)[code], code).not.toBe('undefined');
      expect(typeof (ru.analytics.import.maven.reasons as Record<string, unknown>)[code], code).toBe(typeof (en.analytics.import.maven.reasons as Record<string, unknown>)[code]);
      for (const locale of ['ru', 'en'] as const) {
        const reason = api({ code, params, message: `the server's ${code}` });
        const text = say(locale, reason);
        expect(text, `${locale} ${code}`).not.toBe(reason.message);
        expect(text, `${locale} ${code}`).not.toMatch(/[{}]|undefined/);
      }
    }
    expect(Object.keys(en.analytics.import.maven.reasons).sort()).toEqual([...MAVEN_IMPORT_REASONS].sort());
  });

  it('says a row\'s reason in the viewer\'s language, the export\'s columns as they are', () => {
    const badDay = api(mavenImportReason('NOT_A_DAY', { column: 'engage_date', value: '2016-10-32' }));
    expect(say('ru', badDay)).toBe('engage_date «2016-10-32»: не дата (гггг-мм-дд).');
    expect(say('en', badDay)).toBe('engage_date «2016-10-32»: not a date (yyyy-mm-dd).');
    expect(say('ru', api(mavenImportReason('DEAL_WITHOUT_ACCOUNT', { stageKind: 'OPEN' })))).toBe('Открытая сделка без клиента (account): импортирована без клиента.');
    expect(say('ru', api(mavenImportReason('DEAL_WITHOUT_ACCOUNT', { stageKind: 'LOST' })))).toBe('Проигранная сделка без клиента (account): импортирована без клиента.');
    expect(say('ru', api(mavenImportReason('STARTED_ON_LAST_DATE', { day: '2017-12-31' })))).toBe(
      'Нет даты начала работы (engage_date): поставлена последняя дата выгрузки (31 дек. 2017 г.).',
    );
    expect(say('ru', api(mavenImportReason('CLOSED_BEFORE_ENGAGED', { closedOn: '2017-01-05', engagedOn: '2017-02-01' })))).toBe(
      'Дата закрытия (5 янв. 2017 г.) раньше даты начала работы (1 февр. 2017 г.).',
    );
    expect(say('ru', api(mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'product', value: 'GTXPro', match: 'GTX Pro' })))).toBe('product: «GTXPro» → GTX Pro');
  });

  it('says a run\'s notes from their codes, a note counted per value by its reason, managers in the right form', () => {
    expect(say('ru', api(mavenImportNote('RECONCILED_SECTOR', { from: 'technolgy', to: 'technology' })))).toBe('Отрасль: «technolgy» → technology');
    expect(say('en', api(mavenImportNote('IGNORED_FILE_COLUMNS', { file: 'accounts.csv', columns: 'phone, fax' })))).toBe('accounts.csv: columns not mapped, ignored: phone, fax.');
    expect(say('ru', api(mavenImportNote('AGENT_WITHOUT_MANAGER', {})))).toBe('Менеджеры без руководителя: импортированы без линии подчинения.');
    const managers = (count: number) => api(mavenImportNote('TEAM_MANAGERS', { team: 'Central', count, managers: 'A, B', lead: 'A' }));
    expect(say('ru', managers(2))).toBe('В офисе Central 2 руководителя (A, B): команду Central ведёт A, каждый менеджер подчиняется своему руководителю.');
    expect(say('ru', managers(5))).toBe('В офисе Central 5 руководителей (A, B): команду Central ведёт A, каждый менеджер подчиняется своему руководителю.');
    expect(say('en', managers(2))).toBe('The office Central has 2 managers (A, B): the team Central is led by A; every agent reports to their own manager.');
  });
});
