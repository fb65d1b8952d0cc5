import { CSV_IMPORT_FIELDS, csvFieldSpec } from '../domain/csv-import';
import { completeInn } from './validate-inn';
import {
  CSV_CELL_PROBLEM_MESSAGES,
  parseCsvBoolean,
  parseCsvCategory,
  parseCsvCell,
  parseCsvCurrency,
  parseCsvDate,
  parseCsvDateTime,
  parseCsvEnum,
  parseCsvInn,
  parseMoney,
} from './parse-csv-value';

const value = <T>(r: { ok: true; value: T } | { ok: false; problem: string }) => (r.ok ? r.value : `!${r.problem}`);

describe('parseMoney', () => {
  it('reads a decimal comma or a decimal dot, with thousands grouped by spaces, dots or commas', () => {
    expect(value(parseMoney('1234'))).toBe('1234.00');
    expect(value(parseMoney('1234,5'))).toBe('1234.50');
    expect(value(parseMoney('1234.56'))).toBe('1234.56');
    expect(value(parseMoney('1 234 567,89'))).toBe('1234567.89');
    expect(value(parseMoney('1\u00a0234\u00a0567,89'))).toBe('1234567.89');
    expect(value(parseMoney('1.234.567,89'))).toBe('1234567.89');
    expect(value(parseMoney('1,234,567.89'))).toBe('1234567.89');
    expect(value(parseMoney("1'234.5"))).toBe('1234.50');
    expect(value(parseMoney('0,99'))).toBe('0.99');
    expect(value(parseMoney(',5'))).toBe('0.50');
    expect(value(parseMoney('007'))).toBe('7.00');
  });

  it('takes a lone separator before exactly three digits as a thousands separator (money has no third decimal)', () => {
    expect(value(parseMoney('1,234'))).toBe('1234.00');
    expect(value(parseMoney('1.234'))).toBe('1234.00');
    expect(value(parseMoney('0,125'))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney('12,3456'))).toBe('!NOT_A_NUMBER');
  });

  it('ignores currency signs and words', () => {
    expect(value(parseMoney('150 000 ₽'))).toBe('150000.00');
    expect(value(parseMoney('150000 руб.'))).toBe('150000.00');
    expect(value(parseMoney('$1,500.00'))).toBe('1500.00');
    expect(value(parseMoney('99.90 EUR'))).toBe('99.90');
  });

  it('refuses what is not a non-negative amount', () => {
    expect(value(parseMoney('-5'))).toBe('!NEGATIVE');
    expect(value(parseMoney('abc'))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney('12,34,56'))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney('1.2.3'))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney('1,2.3,4'))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney('1e5'))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney(''))).toBe('!NOT_A_NUMBER');
    expect(value(parseMoney('12345678901234567'))).toBe('!TOO_LARGE');
    expect(value(parseMoney('1234567890123456'))).toBe('1234567890123456.00');
  });
});

describe('parseCsvDate and parseCsvDateTime', () => {
  it('reads dd.mm.yyyy and yyyy-mm-dd as real calendar days', () => {
    expect(value(parseCsvDate('05.03.2025'))).toBe('2025-03-05');
    expect(value(parseCsvDate('5.3.2025'))).toBe('2025-03-05');
    expect(value(parseCsvDate('2025-03-05'))).toBe('2025-03-05');
    expect(value(parseCsvDate(' 29.02.2024 '))).toBe('2024-02-29');
    expect(value(parseCsvDate('29.02.2025'))).toBe('!NOT_A_DATE');
    expect(value(parseCsvDate('2025-13-01'))).toBe('!NOT_A_DATE');
    expect(value(parseCsvDate('03/05/2025'))).toBe('!NOT_A_DATE');
    expect(value(parseCsvDate('вчера'))).toBe('!NOT_A_DATE');
  });

  it('ignores a time after the date, as exports add it', () => {
    expect(value(parseCsvDate('05.03.2025 14:30:00'))).toBe('2025-03-05');
    expect(value(parseCsvDate('2025-03-05T14:30:00.000'))).toBe('2025-03-05');
    expect(value(parseCsvDate('05.03.2025 later'))).toBe('!NOT_A_DATE');
  });

  it('reads a wall-clock time, midnight when there is none', () => {
    expect(value(parseCsvDateTime('05.03.2025 9:05'))).toBe('2025-03-05 09:05:00');
    expect(value(parseCsvDateTime('2025-03-05T14:30:15'))).toBe('2025-03-05 14:30:15');
    expect(value(parseCsvDateTime('2025-03-05'))).toBe('2025-03-05 00:00:00');
    expect(value(parseCsvDateTime('05.03.2025 25:00'))).toBe('!NOT_A_DATETIME');
  });
});

describe('parseCsvBoolean', () => {
  it('reads yes/no in Russian and English', () => {
    for (const yes of ['да', 'Да', 'yes', 'Y', 'true', '1', '+']) expect(value(parseCsvBoolean(yes))).toBe(true);
    for (const no of ['нет', 'НЕТ', 'no', 'n', 'false', '0', '-']) expect(value(parseCsvBoolean(no))).toBe(false);
    expect(value(parseCsvBoolean('может быть'))).toBe('!NOT_A_BOOLEAN');
  });
});

describe('INN, category, currency and the enums', () => {
  it('checks the INN with the shared checksum rule', () => {
    const inn = completeInn('770708389');
    expect(value(parseCsvInn(`${inn.slice(0, 4)} ${inn.slice(4)}`))).toBe(inn);
    expect(value(parseCsvInn('7707083894'))).toBe('!INN_BAD_CHECKSUM');
    expect(value(parseCsvInn('12345'))).toBe('!INN_WRONG_LENGTH');
    expect(value(parseCsvInn('77O7083893'))).toBe('!INN_NOT_DIGITS');
  });

  it('reads a category, a currency and the enums by their codes or words', () => {
    expect(value(parseCsvCategory('К1'))).toBe(1);
    expect(value(parseCsvCategory('Категория 2'))).toBe(2);
    expect(value(parseCsvCategory('3'))).toBe(3);
    expect(value(parseCsvCategory('4'))).toBe('!NOT_A_CATEGORY');
    expect(value(parseCsvCurrency('руб.'))).toBe('RUB');
    expect(value(parseCsvCurrency('usd'))).toBe('USD');
    expect(value(parseCsvCurrency('доллары США'))).toBe('!NOT_A_CURRENCY');
    expect(value(parseCsvEnum('OWNERSHIP_FORM', 'Государственная'))).toBe('GOVERNMENT');
    expect(value(parseCsvEnum('OWNERSHIP_FORM', 'Физическое лицо'))).toBe('PRIVATE_PERSON');
    expect(value(parseCsvEnum('OWNERSHIP_FORM', 'commercial'))).toBe('COMMERCIAL');
    expect(value(parseCsvEnum('CHANNEL', 'Дилер'))).toBe('DEALER');
    expect(value(parseCsvEnum('CHANNEL', 'RETAIL_CHAIN'))).toBe('RETAIL_CHAIN');
    expect(value(parseCsvEnum('CLIENT_STAGE', 'Тёплый'))).toBe('PROSPECT');
    expect(value(parseCsvEnum('CLIENT_STAGE', 'постоянный'))).toBe('REGULAR');
    expect(value(parseCsvEnum('ACTIVITY_KIND', 'Исходящий звонок'))).toBe('CALL');
    expect(value(parseCsvEnum('ACTIVITY_KIND', 'e-mail'))).toBe('EMAIL');
    expect(value(parseCsvEnum('CHANNEL', 'телепатия'))).toBe('!UNKNOWN_VALUE');
  });
});

describe('parseCsvCell', () => {
  it('gives null for an empty optional cell and REQUIRED for an empty required one', () => {
    expect(parseCsvCell(csvFieldSpec('CLIENTS', 'inn')!, '  ')).toEqual({ ok: true, value: null });
    expect(parseCsvCell(csvFieldSpec('CLIENTS', 'name')!, '')).toEqual({ ok: false, problem: 'REQUIRED' });
    expect(parseCsvCell(csvFieldSpec('CLIENTS', 'name')!, ' ООО «Ромашка» ')).toEqual({ ok: true, value: 'ООО «Ромашка»' });
    expect(parseCsvCell(csvFieldSpec('CLIENTS', 'name')!, 'x'.repeat(301))).toEqual({ ok: false, problem: 'TOO_LONG' });
    expect(parseCsvCell(csvFieldSpec('DEALS', 'amount')!, '1 500,50')).toEqual({ ok: true, value: '1500.50' });
    expect(parseCsvCell(csvFieldSpec('ACTIVITIES', 'kind')!, 'Встреча')).toEqual({ ok: true, value: 'MEETING' });
  });

  it('reads every kind of field of every entity, and every problem has a message', () => {
    for (const specs of Object.values(CSV_IMPORT_FIELDS)) {
      for (const spec of specs) {
        const result = parseCsvCell(spec, '???');
        if (!result.ok) expect(CSV_CELL_PROBLEM_MESSAGES[result.problem]).toEqual(expect.any(String));
      }
    }
  });
});
