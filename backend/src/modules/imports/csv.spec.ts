import { CsvError, detectDelimiter, parseCsv, recordObject } from './csv';

describe('parseCsv', () => {
  it('reads a plain file with its header and line numbers', () => {
    const t = parseCsv('a,b,c\n1,2,3\n4,5,6\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.records).toEqual([
      { line: 2, values: ['1', '2', '3'] },
      { line: 3, values: ['4', '5', '6'] },
    ]);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', () => {
    const t = parseCsv('name,note\n"Gekko, & Co","said ""hi""\nand left"\nnext,x\n');
    expect(t.records[0]).toEqual({ line: 2, values: ['Gekko, & Co', 'said "hi"\nand left'] });
    expect(t.records[1]).toEqual({ line: 4, values: ['next', 'x'] });
  });

  it('drops a byte order mark, accepts CRLF and no final line break, skips blank lines', () => {
    const t = parseCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,4');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.records).toEqual([
      { line: 2, values: ['1', '2'] },
      { line: 4, values: ['3', '4'] },
    ]);
  });

  it('detects a semicolon delimiter (Excel in many locales)', () => {
    expect(detectDelimiter('a;b;"c;d"\n')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    const t = parseCsv('a;b\n"1,5";2\n');
    expect(t.delimiter).toBe(';');
    expect(t.records[0].values).toEqual(['1,5', '2']);
  });

  it('keeps empty fields, including a trailing one', () => {
    const t = parseCsv('a,b,c\n,,\nx,,\n');
    expect(t.records.map((r) => r.values)).toEqual([
      ['', '', ''],
      ['x', '', ''],
    ]);
    expect(recordObject(t.header, { line: 9, values: ['only'] })).toEqual({ a: 'only', b: '', c: '' });
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(new CsvError(2, 'a quoted field is not closed before the end of the file'));
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/line 2: unexpected "y" after a closing quote/);
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });

  it('reads an empty text as no header and no records', () => {
    expect(parseCsv('')).toEqual({ delimiter: ',', header: [], records: [] });
  });
});
