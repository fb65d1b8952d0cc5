import { CSV_IMPORT_FIELDS, type CsvImportEntity } from '@salescircle/shared';

/**
 * The CSV import page's pure helpers: reading a chosen file's bytes as text (UTF-8, else
 * the Windows-1251 that Russian Excel exports are saved in), and what a mapping still lacks.
 */

export interface DecodedFile {
  text: string;
  encoding: 'utf-8' | 'windows-1251';
}

/** UTF-8 when the bytes are valid UTF-8 (a byte order mark is dropped later by the server), else Windows-1251. */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): DecodedFile {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

export interface MappingEntry {
  column: string;
  field: string | null;
}

/** The required fields of the entity that no column fills, in the form's order. */
export function missingRequiredFields(entity: CsvImportEntity, mapping: readonly MappingEntry[]): string[] {
  const mapped = new Set(mapping.map((m) => m.field));
  return CSV_IMPORT_FIELDS[entity].filter((f) => f.required && !mapped.has(f.key)).map((f) => f.key);
}

/** Gives a column a field; a field fills one column only, so another column holding it is cleared. */
export function assignField(mapping: readonly MappingEntry[], column: string, field: string | null): MappingEntry[] {
  return mapping.map((m) => (m.column === column ? { column, field } : field !== null && m.field === field ? { column: m.column, field: null } : m));
}
