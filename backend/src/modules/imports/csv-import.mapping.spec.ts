import { CsvImportFileError, keyRows, MemberMatcher, readCsvRows, readCsvSheet, recordKey, resolveMember } from './csv-import.mapping';
import { summarizeRows } from './import-report';

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

  it('gives every reason of a row a stable code and the values it names, beside the English sentence', () => {
    const sheet = readCsvSheet('CLIENTS', CLIENTS + ';ООО Василёк;7707083894;\n', null);
    const plans = readCsvRows(sheet);
    keyRows('CLIENTS', plans);
    expect(plans.map((p) => p.row.reasons)).toEqual([
      [],
      [],
      [{ kind: 'REJECTED', code: 'DUPLICATE_RECORD', params: [{ name: 'line', value: '3' }, { name: 'key', value: 'csv:client#name:ооолютик' }], message: 'the same record as line 3 (key csv:client#name:ооолютик)' }],
      [{ kind: 'NOTE', code: 'EMPTY_ROW', params: [], message: 'an empty row: nothing to import' }],
      [
        {
          kind: 'REJECTED',
          code: 'INN_BAD_CHECKSUM',
          params: [{ name: 'column', value: 'ИНН' }, { name: 'field', value: 'inn' }, { name: 'value', value: '7707083894' }],
          message: 'ИНН "7707083894" is not a valid INN: the check digits do not match',
        },
      ],
    ]);
    // the report's rows carry them in the order of their message
    const { rows } = summarizeRows('CSV_CLIENTS', 'clients.csv', plans.map((p) => p.row), new Map(plans.map((p) => [p.row, 'IMPORTED' as const])));
    expect(rows[2]).toMatchObject({ outcome: 'REJECTED', message: 'the same record as line 3 (key csv:client#name:ооолютик)', reasons: [{ code: 'DUPLICATE_RECORD' }] });
    expect(rows[3]).toMatchObject({ outcome: 'IMPORTED', message: 'an empty row: nothing to import', reasons: [{ kind: 'NOTE', code: 'EMPTY_ROW' }] });
  });

  it('says a deactivated owner by its own code, and a matched spelling as VALUE_MATCHED', () => {
    const members = new MemberMatcher([
      { id: 'm1', name: 'Иван Петров', email: null, active: true },
      { id: 'm2', name: 'Олег Ким', email: null, active: false },
    ]);
    const sheet = readCsvSheet('CLIENTS', 'Название;Ответственный\nРомашка;петров иван\nЛютик;Олег Ким\n', null);
    const [matched, inactive] = readCsvRows(sheet);
    expect(resolveMember(sheet, matched!, 'owner', members, true)).toBe('m1');
    expect(matched!.row.reconciled).toEqual(['owner петров иван → Иван Петров']);
    expect(matched!.row.reasons).toEqual([
      { kind: 'RECONCILED', code: 'VALUE_MATCHED', params: [{ name: 'field', value: 'owner' }, { name: 'value', value: 'петров иван' }, { name: 'match', value: 'Иван Петров' }], message: 'owner петров иван → Иван Петров' },
    ]);
    expect(resolveMember(sheet, inactive!, 'owner', members, true)).toBeUndefined();
    // the cell keeps its problem (UNKNOWN_MEMBER); the row's reason is the finer one
    expect(inactive!.issues[0]).toMatchObject({ problem: 'UNKNOWN_MEMBER', message: 'Ответственный "Олег Ким" is not an active member (Олег Ким is deactivated)' });
    expect(inactive!.row.reasons).toEqual([
      {
        kind: 'REJECTED',
        code: 'INACTIVE_MEMBER',
        params: [{ name: 'column', value: 'Ответственный' }, { name: 'field', value: 'owner' }, { name: 'value', value: 'Олег Ким' }, { name: 'member', value: 'Олег Ким' }],
        message: 'Ответственный "Олег Ким" is not an active member (Олег Ким is deactivated)',
      },
    ]);
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
