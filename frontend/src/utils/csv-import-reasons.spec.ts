import { CSV_IMPORT_REASONS, csvImportReason, type CsvImportReasonCode } from '@salescircle/shared';
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

  it('leaves a code it does not know (a newer server\'s, a maven-crm note) as the server wrote it', () => {
    expect(say('ru', { code: 'SOMETHING_NEW', params: [], message: 'something new happened' })).toBe('something new happened');
    expect(say('ru', { code: 'AGENT_WITHOUT_MANAGER', params: [], message: 'agents without a manager: imported without a reporting line' })).toBe('agents without a manager: imported without a reporting line');
  });
});
