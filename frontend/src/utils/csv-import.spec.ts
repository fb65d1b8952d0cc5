import { describe, expect, it } from 'vitest';
import { assignField, decodeCsvBytes, missingRequiredFields } from './csv-import';

describe('decodeCsvBytes', () => {
  it('reads UTF-8, and Windows-1251 when the bytes are not UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Название;ИНН\n'))).toEqual({ text: 'Название;ИНН\n', encoding: 'utf-8' });
    // "ИНН" in Windows-1251
    expect(decodeCsvBytes(new Uint8Array([0xc8, 0xcd, 0xcd]))).toEqual({ text: 'ИНН', encoding: 'windows-1251' });
  });
});

describe('mapping helpers', () => {
  const mapping = [
    { column: 'Компания', field: 'name' },
    { column: 'ИНН', field: 'inn' },
    { column: 'Телефон', field: null },
  ];

  it('names the required fields no column fills', () => {
    expect(missingRequiredFields('CLIENTS', mapping)).toEqual([]);
    expect(missingRequiredFields('DEALS', mapping)).toEqual(['title', 'stage']);
  });

  it('moves a field to the column it is given', () => {
    expect(assignField(mapping, 'Телефон', 'name')).toEqual([
      { column: 'Компания', field: null },
      { column: 'ИНН', field: 'inn' },
      { column: 'Телефон', field: 'name' },
    ]);
    expect(assignField(mapping, 'ИНН', null)[1]).toEqual({ column: 'ИНН', field: null });
  });
});
