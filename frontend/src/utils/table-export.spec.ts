import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildCsv, csvField, exportFileName, sortRows, tableMatrix, type ReportColumn } from './table-export';
import { buildXlsx, columnName } from './xlsx';

interface Row {
  name: string;
  amount: number | null;
}
const COLUMNS: ReportColumn<Row>[] = [
  { key: 'name', label: 'Имя', value: (r) => r.name, sortable: true },
  { key: 'amount', label: 'Amount; RUB', value: (r) => r.amount, numeric: true, sortable: true },
];
const ROWS: Row[] = [
  { name: 'ООО "Ромашка"', amount: 1500000.5 },
  { name: '=HYPERLINK("x")', amount: -20 },
  { name: 'Line\nbreak', amount: null },
];

describe('CSV', () => {
  it('quotes what needs it and defuses formulas, keeping numbers as numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-5 days')).toBe("'-5 days");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('writes a BOM, a header row and ";"-separated CRLF lines like the client export', () => {
    const csv = buildCsv(COLUMNS, ROWS);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['Имя;"Amount; RUB"', '"ООО ""Ромашка""";1500000.5', `"'=HYPERLINK(""x"")";-20`, '"Line\nbreak";', '']);
    expect(buildCsv(COLUMNS, [])).toBe('\uFEFFИмя;"Amount; RUB"\r\n');
  });

  it('names files by report and day', () => {
    expect(exportFileName('funnel', 'csv', '2026-12-01')).toBe('funnel-2026-12-01.csv');
    expect(exportFileName('Воронка / Q4', 'xlsx', '2026-12-01')).toBe('Воронка-Q4-2026-12-01.xlsx');
    expect(exportFileName('///', 'csv', '2026-12-01')).toBe('report-2026-12-01.csv');
  });

  it('sorts by a column, nulls last both ways', () => {
    const amount = COLUMNS[1];
    expect(sortRows(ROWS, amount, 'desc', 'ru').map((r) => r.amount)).toEqual([1500000.5, -20, null]);
    expect(sortRows(ROWS, amount, 'asc', 'ru').map((r) => r.amount)).toEqual([-20, 1500000.5, null]);
    // Russian collation: Cyrillic before Latin.
    expect(sortRows(ROWS, COLUMNS[0], 'asc', 'ru').map((r) => r.name[0])).toEqual(['=', 'О', 'L']);
    expect(sortRows(ROWS, undefined, 'asc', 'ru')).toEqual(ROWS);
  });
});

describe('XLSX', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('zips a workbook with one sheet of inline strings and numbers', () => {
    const bytes = buildXlsx('Воронка: Q4 [2026]', tableMatrix(COLUMNS, ROWS));
    expect(strFromU8(bytes.subarray(0, 2))).toBe('PK');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="Воронка  Q4  2026 " sheetId="1" r:id="rId1"/>');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">Имя</t></is></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">ООО &quot;Ромашка&quot;</t></is></c><c r="B2"><v>1500000.5</v></c>');
    expect(sheet).toContain('<c r="B3"><v>-20</v></c>');
    // An empty value is no cell at all.
    expect(sheet).toContain('<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">Line\nbreak</t></is></c></row>');
  });
});
