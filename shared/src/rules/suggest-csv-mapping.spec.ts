import { checkCsvMapping, suggestCsvMapping } from './suggest-csv-mapping';

const fields = (entity: Parameters<typeof suggestCsvMapping>[0], headers: string[]) => suggestCsvMapping(entity, headers).map((s) => s.field);

describe('suggestCsvMapping', () => {
  it('maps a Russian amoCRM-style company export', () => {
    const headers = ['ID', 'Название компании', 'ИНН', 'Регион', 'Город', 'Отрасль', 'Форма собственности', 'Канал продаж', 'VIP', 'Годовой потенциал', 'Категория', 'Статус', 'Ответственный', 'Телефон'];
    expect(fields('CLIENTS', headers)).toEqual(['externalId', 'name', 'inn', 'region', 'city', 'industry', 'ownershipForm', 'channel', 'vip', 'annualPotential', 'category', 'stage', 'owner', null]);
  });

  it('maps an English export, ignoring case, spaces and punctuation', () => {
    expect(fields('CLIENTS', ['Company', 'INN', 'owner', 'Annual-Potential', 'Hunter of record'])).toEqual(['name', 'inn', 'owner', 'annualPotential', 'hunter']);
  });

  it('maps a Bitrix24-style deal export, with partial matches for decorated headers', () => {
    const headers = ['ID', 'Название сделки', 'Компания', 'Ответственный', 'Стадия сделки', 'Бюджет, руб.', 'Валюта', 'Дата создания', 'Предполагаемая дата закрытия', 'Дата закрытия', 'Причина отказа', 'Товар'];
    expect(suggestCsvMapping('DEALS', headers)).toEqual([
      { column: 'ID', field: 'externalId', match: 'EXACT' },
      { column: 'Название сделки', field: 'title', match: 'EXACT' },
      { column: 'Компания', field: 'clientName', match: 'EXACT' },
      { column: 'Ответственный', field: 'owner', match: 'EXACT' },
      { column: 'Стадия сделки', field: 'stage', match: 'EXACT' },
      { column: 'Бюджет, руб.', field: 'amount', match: 'PARTIAL' },
      { column: 'Валюта', field: 'currency', match: 'EXACT' },
      { column: 'Дата создания', field: 'startedOn', match: 'EXACT' },
      { column: 'Предполагаемая дата закрытия', field: 'expectedCloseOn', match: 'EXACT' },
      { column: 'Дата закрытия', field: 'closedOn', match: 'EXACT' },
      { column: 'Причина отказа', field: 'lostReason', match: 'EXACT' },
      { column: 'Товар', field: 'product', match: 'EXACT' },
    ]);
    expect(fields('DEALS', ['Deal name', 'Company', 'Owner', 'Stage', 'Amount'])).toEqual(['title', 'clientName', 'owner', 'stage', 'amount']);
  });

  it('suggests each field for one column at most, the exact spelling first', () => {
    expect(fields('CLIENTS', ['Ответственный (до 2024)', 'Ответственный'])).toEqual([null, 'owner']);
    expect(fields('CLIENTS', ['Название', 'Наименование'])).toEqual(['name', null]);
    expect(fields('ACTIVITIES', ['Тип', 'Дата и время', 'Ответственный', 'Компания', 'ID сделки', 'Результат'])).toEqual(['kind', 'at', 'owner', 'clientName', 'dealExternalId', 'outcome']);
  });

  it('never matches a short spelling inside a longer header, nor an empty header', () => {
    expect(fields('CLIENTS', ['Valid', '', 'Identity'])).toEqual([null, null, null]);
  });
});

describe('checkCsvMapping', () => {
  const headers = ['Компания', 'ИНН', 'Телефон'];

  it('accepts a mapping with the required fields and ignored columns', () => {
    expect(checkCsvMapping('CLIENTS', headers, [{ column: 'Компания', field: 'name' }, { column: 'ИНН', field: 'inn' }, { column: 'Телефон', field: null }])).toBeNull();
  });

  it('says what is wrong', () => {
    expect(checkCsvMapping('CLIENTS', headers, [{ column: 'ИНН', field: 'inn' }])).toBe('Map a column to name: clients cannot be imported without it.');
    expect(checkCsvMapping('CLIENTS', headers, [{ column: 'Email', field: 'name' }])).toContain('The file has no column "Email"');
    expect(checkCsvMapping('CLIENTS', headers, [{ column: 'Компания', field: 'name' }, { column: 'Компания', field: 'inn' }])).toBe('The column "Компания" is mapped twice.');
    expect(checkCsvMapping('CLIENTS', headers, [{ column: 'Компания', field: 'name' }, { column: 'ИНН', field: 'name' }])).toBe('The field name is filled from two columns: "Компания" and "ИНН".');
    expect(checkCsvMapping('CLIENTS', headers, [{ column: 'Компания', field: 'title' }])).toContain('"title" is not a field of clients');
    expect(checkCsvMapping('DEALS', headers, [{ column: 'Компания', field: 'title' }])).toBe('Map a column to stage: deals cannot be imported without it.');
  });
});
