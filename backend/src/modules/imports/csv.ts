/**
 * A CSV reader for imports (RFC 4180): fields in double quotes may hold the delimiter, line
 * breaks and doubled quotes; a UTF-8 byte order mark is dropped; the delimiter is `,` or `;`
 * (whichever the header line uses outside quotes); CRLF, LF and a missing final line break
 * are all accepted. Every record carries the line it starts on, for the row-level report.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvTable {
  delimiter: ',' | ';';
  header: string[];
  records: CsvRecord[];
}

export class CsvError extends Error {
  override name = 'CsvError';

  constructor(
    readonly line: number,
    message: string,
    /** What is wrong with the quoting, for a client to say it in its own language. */
    readonly kind: 'QUOTE_AFTER_CLOSING' | 'QUOTE_IN_UNQUOTED' | 'UNCLOSED_QUOTE' = 'UNCLOSED_QUOTE',
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** `,` or `;`: the one that occurs more often outside quotes on the first line. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Parses the whole text; blank lines (outside quotes) are skipped, not turned into empty records. */
export function parseCsv(input: string, delimiter?: ',' | ';'): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const rows: CsvRecord[] = [];
  let field = '';
  let values: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  let fieldStarted = false;
  const endRecord = () => {
    const blank = values.length === 0 && field === '' && !fieldStarted;
    if (!blank) {
      values.push(field);
      rows.push({ line: recordLine, values });
    }
    values = [];
    field = '';
    fieldStarted = false;
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        else if (ch === '\r' && text[i + 1] !== '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === sep) {
      values.push(field);
      field = '';
      fieldStarted = true;
      afterQuote = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (ch === '"' && field === '' && !afterQuote) {
      quoted = true;
      fieldStarted = true;
    } else if (afterQuote) {
      throw new CsvError(line, `unexpected ${JSON.stringify(ch)} after a closing quote (a quote inside a quoted field must be doubled: "")`, 'QUOTE_AFTER_CLOSING');
    } else if (ch === '"') {
      throw new CsvError(line, 'a quote inside an unquoted field (quote the whole field and double the quote: "")', 'QUOTE_IN_UNQUOTED');
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'a quoted field is not closed before the end of the file', 'UNCLOSED_QUOTE');
  endRecord();
  const [head, ...records] = rows;
  return { delimiter: sep, header: head ? head.values.map((h) => h.trim()) : [], records };
}

/** A record as named values (columns of the header); missing trailing fields are empty. */
export function recordObject(header: readonly string[], record: CsvRecord): Record<string, string> {
  const out: Record<string, string> = {};
  header.forEach((name, i) => {
    out[name] = record.values[i] ?? '';
  });
  return out;
}
