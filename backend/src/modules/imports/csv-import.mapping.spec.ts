import { CsvImportFileError, keyRows, MemberMatcher, readCsvRows, readCsvSheet, recordKey } from './csv-import.mapping';

const CLIENTS = 'ID;Название компании;ИНН;Телефон\n7;ООО «Ромашка»;7707083893;+7\n;ООО Лютик;;\n;ООО «Лютик»;;\n;;;\n';

describe('readCsvSheet', () => {
  it('suggests the mapping without one, and maps by column name with one', () => {
    const suggested = readCsvSheet('CLIENTS', CLIENTS, null);
    expect(suggested.mapping.map((m) => m.field)).toEqual(['externalId', 'name', 'inn', null]);
    expect(suggested.ignored).toEqual(['Телефон']);
    const chosen = readCsvSheet('CLIENTS', CLIENTS, [
      { column: 'Название компании', field: 'name' },
      { column: 'Телефон', field: 'notes' },
    ]);
    expect([...chosen.columnOf]).toEqual([
      ['name', 1],
      ['notes', 3],
    ]);
    expect(chosen.ignored).toEqual(['ID', 'ИНН']);
  });

  it('refuses a file it cannot read and a mapping that cannot work', () => {
    expect(() => readCsvSheet('CLIENTS', '', null)).toThrow(new CsvImportFileError('csv', 'The file is empty: it needs a header line with the column names.'));
    expect(() => readCsvSheet('CLIENTS', 'a\n"x\n', null)).toThrow(CsvImportFileError);
    expect(() => readCsvSheet('CLIENTS', CLIENTS, [{ column: 'ИНН', field: 'inn' }])).toThrow('Map a column to name');
    expect(() => readCsvSheet('CLIENTS', 'Имя;Имя\nx;y\n', [{ column: 'Имя', field: 'name' }])).toThrow('The header names the column "Имя" 2 times');
  });
});

describe('readCsvRows and keyRows', () => {
  it('reads each row, keys it by external id, INN or normalized name, and rejects the second row of one record', () => {
    const sheet = readCsvSheet('CLIENTS', CLIENTS, null);
    const plans = readCsvRows(sheet);
    keyRows('CLIENTS', plans);
    expect(plans.map((p) => [p.row.line, p.row.externalId, p.row.rejected, p.empty])).toEqual([
      [2, 'csv:client:7', null, false],
      [3, 'csv:client#name:ооолютик', null, false],
      [4, 'csv:client#name:ооолютик', 'the same record as line 3 (key csv:client#name:ооолютик)', false],
      [5, null, null, true],
    ]);
    expect(plans[3]!.row.notes).toEqual(['an empty row: nothing to import']);
  });

  it('rejects a row whose cell does not read, saying which column holds what', () => {
    const sheet = readCsvSheet('CLIENTS', 'Название;ИНН\nООО «Ромашка»;7707083894\n', null);
    const [plan] = readCsvRows(sheet);
    expect(plan!.issues).toEqual([{ field: 'inn', column: 'ИНН', value: '7707083894', problem: 'INN_BAD_CHECKSUM', message: 'ИНН "7707083894" is not a valid INN: the check digits do not match' }]);
    expect(plan!.row.rejected).toBe('ИНН "7707083894" is not a valid INN: the check digits do not match');
    expect(recordKey('CLIENTS', plan!)).toBe('csv:client#name:оооромашка');
  });

  it('keys deals by title and client, and activities by kind, time, owner, client and deal', () => {
    const deals = readCsvRows(readCsvSheet('DEALS', 'Название сделки;Компания;Этап\nПоставка;ООО «Ромашка»;Переговоры\n', null));
    expect(recordKey('DEALS', deals[0]!)).toBe('csv:deal#поставка|оооромашка');
    const activities = readCsvRows(readCsvSheet('ACTIVITIES', 'Тип;Дата;Ответственный;ID сделки\nЗвонок;01.02.2025 10:00;Иван Петров;d-1\n', null));
    expect(recordKey('ACTIVITIES', activities[0]!)).toBe('csv:activity#CALL|2025-02-01 10:00:00|иванпетров||d-1');
  });
});

describe('MemberMatcher', () => {
  const matcher = new MemberMatcher([
    { id: 'm1', name: 'Иван Петров', email: 'rep@demo.local', active: true },
    { id: 'm2', name: 'Анна Петрова', email: null, active: true },
    { id: 'm3', name: 'Олег Ким', email: 'kim1@x', active: true },
    { id: 'm4', name: 'Олег Ким', email: 'kim2@x', active: false },
  ]);

  it('finds a member by e-mail, by name in any case or word order, never fuzzily', () => {
    expect(matcher.match('REP@demo.local')).toEqual({ ok: true, member: expect.objectContaining({ id: 'm1' }), reconciled: null });
    expect(matcher.match('Иван Петров')).toMatchObject({ ok: true, reconciled: null });
    expect(matcher.match('иван петров')).toMatchObject({ ok: true, member: { id: 'm1' }, reconciled: 'Иван Петров' });
    expect(matcher.match('Петров Иван')).toMatchObject({ ok: true, member: { id: 'm1' }, reconciled: 'Иван Петров' });
    expect(matcher.match('Анна Петров')).toEqual({ ok: false, problem: 'UNKNOWN_MEMBER' });
    expect(matcher.match('Олег Ким')).toEqual({ ok: false, problem: 'AMBIGUOUS_MEMBER' });
    expect(matcher.match('kim2@x')).toMatchObject({ ok: true, member: { id: 'm4' } });
  });
});
