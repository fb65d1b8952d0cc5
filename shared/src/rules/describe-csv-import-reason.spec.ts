import { CSV_CELL_PROBLEMS } from '../domain/csv-import';
import { CSV_IMPORT_REASONS, csvImportReason, derivedKeysReason, isCsvImportReasonCode } from './describe-csv-import-reason';

const inn = { column: 'ИНН', field: 'inn', value: '7707083894' };

describe('csvImportReason', () => {
  it('keeps the code and the values, and says the English sentence the report has always had', () => {
    expect(csvImportReason('INN_BAD_CHECKSUM', inn)).toEqual({
      code: 'INN_BAD_CHECKSUM',
      params: inn,
      message: 'ИНН "7707083894" is not a valid INN: the check digits do not match',
    });
    expect(csvImportReason('NEGATIVE', { column: 'annualPotential', field: 'annualPotential', value: '-5000' }).message).toBe('annualPotential "-5000" is negative');
    expect(csvImportReason('DUPLICATE_RECORD', { line: 3, key: 'csv:client:amo-1' }).message).toBe('the same record as line 3 (key csv:client:amo-1)');
    expect(csvImportReason('VALUE_MATCHED', { field: 'owner', value: 'Кузнецова Елена', match: 'Елена Кузнецова' }).message).toBe('owner Кузнецова Елена → Елена Кузнецова');
  });

  it('says a finer reason of a cell than its problem, naming what it found', () => {
    const owner = { column: 'Ответственный', field: 'owner', value: 'Пётр' };
    expect(csvImportReason('INACTIVE_MEMBER', { ...owner, member: 'Пётр Сидоров' }).message).toBe('Ответственный "Пётр" is not an active member (Пётр Сидоров is deactivated)');
    const stage = { column: 'Этап сделки', field: 'stage', value: 'Думают', pipeline: 'Основная воронка', stages: 'Новый лид, Выиграна' };
    expect(csvImportReason('UNKNOWN_PIPELINE_STAGE', stage).message).toBe('Этап сделки "Думают" is not a stage of pipeline «Основная воронка» (Новый лид, Выиграна)');
    expect(csvImportReason('AMBIGUOUS_CLIENT', { column: 'Компания', field: 'clientName', value: 'Ромашка', count: 2 }).message).toBe('Компания "Ромашка" names 2 clients (give the client\'s external id)');
  });

  it('writes a matched client name the way the report did ("client", not the field key)', () => {
    expect(csvImportReason('VALUE_MATCHED', { field: 'clientName', value: 'ромашка', match: 'Ромашка' }).message).toBe('client ромашка → Ромашка');
  });

  it('says the notes of a run with their values', () => {
    expect(csvImportReason('IGNORED_COLUMNS', { columns: 'Телефон, Сайт' }).message).toBe('columns not mapped, ignored: Телефон, Сайт');
    expect(derivedKeysReason('CLIENTS')).toEqual({
      code: 'DERIVED_KEYS',
      params: { entity: 'CLIENTS', prefix: 'csv:client' },
      message: 'rows without an external id: found again by INN, else normalized name (csv:client#…)',
    });
    expect(csvImportReason('NEW_PIPELINE', { pipeline: 'amoCRM', stages: 'Переговоры (OPEN), Выиграна (WON)' }).message).toBe('created pipeline «amoCRM» with the stages Переговоры (OPEN), Выиграна (WON)');
    expect(csvImportReason('CLOSED_DATE_REQUIRED', { stage: 'Выиграна', kind: 'WON' }).message).toBe('a won deal (stage Выиграна) needs a closed date');
  });

  it('has a code for every problem of a cell, each code once, and knows its codes', () => {
    for (const problem of CSV_CELL_PROBLEMS) expect(CSV_IMPORT_REASONS).toContain(problem);
    expect(new Set(CSV_IMPORT_REASONS).size).toBe(CSV_IMPORT_REASONS.length);
    expect(CSV_IMPORT_REASONS.length).toBeGreaterThan(CSV_CELL_PROBLEMS.length);
    expect(isCsvImportReasonCode('DUPLICATE_RECORD')).toBe(true);
    expect(isCsvImportReasonCode('toString')).toBe(false);
    expect(isCsvImportReasonCode('IGNORED_COLUMNS_ACCOUNTS')).toBe(false);
  });
});
