/** One column of a report table: its header, its raw value (exports) and how the page shows it. */
export interface ReportColumn<T> {
  key: string;
  label: string;
  /** The raw value written to CSV/XLSX: numbers stay numbers (no thousands separators, no currency). */
  value: (row: T) => string | number | null;
  /** What the table on the page shows (formatted for the viewer's language); the raw value otherwise. */
  display?: (row: T) => string;
  numeric?: boolean;
  /** The column sorts on a click of its header. */
  sortable?: boolean;
}

/**
 * A CSV field: quoted when needed; text starting with = + - @ is defused so a spreadsheet does not
 * run it as a formula (numbers are written as they are, a negative one included).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as CSV the way the client export writes it: UTF-8 with a BOM, ";"-separated, CRLF
 * line ends (what Russian Excel opens as is), a header row of the column labels.
 */
export function buildCsv<T>(columns: readonly ReportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.label)).join(';')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The rows as a matrix of raw values with the header first (the XLSX writer's input). */
export function tableMatrix<T>(columns: readonly ReportColumn<T>[], rows: readonly T[]): (string | number | null)[][] {
  return [columns.map((c) => c.label), ...rows.map((row) => columns.map((c) => c.value(row)))];
}

/** A file name from a report name and a day: "funnel-2026-12-01.csv". */
export function exportFileName(base: string, extension: 'csv' | 'xlsx', day: string = new Date().toISOString().slice(0, 10)): string {
  const safe = base.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'report';
  return `${safe}-${day}.${extension}`;
}

/** Saves a Blob made in the page as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export type SortDirection = 'asc' | 'desc';

/** Rows sorted by one column's raw value (nulls last either way; text by the viewer's collation). */
export function sortRows<T>(rows: readonly T[], column: ReportColumn<T> | undefined, direction: SortDirection, locale: string): T[] {
  if (!column) return [...rows];
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return String(x).localeCompare(String(y), locale) * sign;
  });
}
