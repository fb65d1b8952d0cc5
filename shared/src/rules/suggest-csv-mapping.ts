/**
 * Which field each column of an imported CSV fills, guessed from the header names as
 * amoCRM, Bitrix24 and spreadsheets spell them, in Russian or English ("Название
 * компании"/"Company", "ИНН"/"INN", "Ответственный"/"Owner", "Бюджет"/"Amount"). The person
 * checks and corrects the guess before importing; the server refuses a mapping that
 * cannot work (checkCsvMapping).
 */
import { CSV_IMPORT_FIELDS, type CsvImportEntity } from '../domain/csv-import';
import { nameKey } from './reconcile-name';

/** Header spellings per field, ru and en; compared by nameKey (case, spaces and punctuation ignored). */
export const CSV_HEADER_SYNONYMS: Record<CsvImportEntity, Record<string, readonly string[]>> = {
  CLIENTS: {
    externalId: ['id', 'external id', 'ид', 'идентификатор', 'внешний id', 'код', 'код клиента', 'id компании', 'id клиента', 'client id', 'company id', 'account id'],
    name: ['name', 'company', 'company name', 'account', 'account name', 'client', 'client name', 'organization', 'название', 'название компании', 'наименование', 'наименование организации', 'компания', 'клиент', 'организация', 'контрагент'],
    inn: ['inn', 'инн', 'tax id', 'taxpayer id', 'инн компании', 'инн организации'],
    region: ['region', 'territory', 'state', 'country', 'office location', 'регион', 'область', 'территория', 'страна'],
    city: ['city', 'town', 'город', 'населенный пункт'],
    industry: ['industry', 'sector', 'отрасль', 'сфера деятельности', 'индустрия', 'вид деятельности'],
    ownershipForm: ['ownership', 'ownership form', 'legal form', 'форма собственности', 'тип собственности', 'опф', 'организационно-правовая форма'],
    channel: ['channel', 'sales channel', 'distribution channel', 'канал', 'канал продаж', 'канал сбыта'],
    vip: ['vip', 'вип', 'vip клиент', 'важный клиент'],
    annualPotential: ['annual potential', 'potential', 'revenue', 'annual revenue', 'потенциал', 'годовой потенциал', 'годовой оборот', 'оборот', 'выручка'],
    currency: ['currency', 'валюта'],
    category: ['category', 'client category', 'категория', 'категория клиента', 'класс клиента'],
    stage: ['stage', 'status', 'lifecycle stage', 'client stage', 'стадия', 'статус', 'этап', 'стадия клиента', 'статус клиента'],
    owner: ['owner', 'responsible', 'responsible user', 'manager', 'account owner', 'sales agent', 'ответственный', 'менеджер', 'владелец', 'ответственный менеджер'],
    hunter: ['hunter', 'hunter of record', 'acquired by', 'охотник', 'привлек', 'кто привлек', 'менеджер по привлечению'],
    notes: ['notes', 'note', 'comment', 'comments', 'description', 'примечание', 'примечания', 'комментарий', 'описание'],
  },
  DEALS: {
    externalId: ['id', 'deal id', 'external id', 'opportunity id', 'ид', 'идентификатор', 'id сделки', 'номер сделки'],
    title: ['title', 'deal', 'deal name', 'name', 'opportunity', 'opportunity name', 'название', 'название сделки', 'сделка', 'наименование', 'тема'],
    clientExternalId: ['client id', 'company id', 'account id', 'id компании', 'id клиента', 'ид компании', 'id контрагента'],
    clientName: ['client', 'company', 'account', 'company name', 'client name', 'клиент', 'компания', 'контрагент', 'название компании', 'организация'],
    owner: ['owner', 'responsible', 'responsible user', 'manager', 'sales agent', 'ответственный', 'менеджер', 'владелец', 'ответственный менеджер'],
    stage: ['stage', 'deal stage', 'status', 'pipeline stage', 'этап', 'этап сделки', 'стадия', 'стадия сделки', 'статус', 'статус сделки'],
    amount: ['amount', 'budget', 'value', 'deal value', 'close value', 'sum', 'бюджет', 'сумма', 'сумма сделки', 'стоимость'],
    currency: ['currency', 'валюта'],
    product: ['product', 'product name', 'товар', 'продукт', 'услуга'],
    startedOn: ['created', 'created at', 'date created', 'creation date', 'engage date', 'start date', 'дата создания', 'создана', 'дата начала', 'дата создания сделки'],
    expectedCloseOn: ['expected close', 'expected close date', 'planned close date', 'предполагаемая дата закрытия', 'плановая дата закрытия', 'ожидаемая дата закрытия'],
    closedOn: ['closed', 'closed at', 'closed date', 'close date', 'дата закрытия', 'закрыта', 'дата завершения'],
    lostReason: ['lost reason', 'loss reason', 'reason lost', 'причина отказа', 'причина проигрыша', 'причина закрытия'],
  },
  ACTIVITIES: {
    externalId: ['id', 'activity id', 'external id', 'ид', 'идентификатор', 'id задачи', 'id события', 'id активности'],
    kind: ['type', 'kind', 'activity type', 'тип', 'вид', 'тип активности', 'тип задачи', 'тип события'],
    at: ['date', 'datetime', 'date time', 'at', 'when', 'дата', 'дата и время', 'время', 'дата выполнения'],
    owner: ['owner', 'responsible', 'manager', 'ответственный', 'менеджер', 'исполнитель'],
    clientExternalId: ['client id', 'company id', 'account id', 'id компании', 'id клиента'],
    clientName: ['client', 'company', 'account', 'клиент', 'компания', 'контрагент', 'название компании'],
    dealExternalId: ['deal id', 'id сделки', 'ид сделки', 'opportunity id'],
    outcome: ['outcome', 'result', 'note', 'comment', 'text', 'результат', 'итог', 'комментарий', 'примечание', 'текст'],
  },
};

export type CsvMatchKind = 'EXACT' | 'PARTIAL';

export interface CsvColumnSuggestion {
  column: string;
  /** The suggested field, or null: the column is ignored unless the person maps it. */
  field: string | null;
  /** EXACT: the header is a known spelling of the field; PARTIAL: it contains one. */
  match: CsvMatchKind | null;
}

/** Shortest known spelling a header may merely contain (shorter ones, like "id", match only exactly). */
const PARTIAL_MIN = 4;

/**
 * One suggestion per column, in column order; each field is suggested for one column at
 * most. Exact spellings win over partial ones (a header containing a spelling: "Бюджет,
 * руб." contains "бюджет"); among partial ones the longest spelling wins; ties go to the
 * leftmost column.
 */
export function suggestCsvMapping(entity: CsvImportEntity, headers: readonly string[]): CsvColumnSuggestion[] {
  const synonyms = CSV_HEADER_SYNONYMS[entity];
  const fields = CSV_IMPORT_FIELDS[entity].map((f) => f.key);
  const keys = headers.map((h) => nameKey(h));
  const out: CsvColumnSuggestion[] = headers.map((column) => ({ column, field: null, match: null }));
  const taken = new Set<string>();

  for (let i = 0; i < headers.length; i++) {
    if (keys[i] === '') continue;
    const found = fields.find((f) => !taken.has(f) && (synonyms[f] ?? []).some((s) => nameKey(s) === keys[i]));
    if (found) {
      out[i] = { column: headers[i]!, field: found, match: 'EXACT' };
      taken.add(found);
    }
  }

  const candidates: { column: number; field: string; length: number }[] = [];
  for (let i = 0; i < headers.length; i++) {
    if (out[i]!.field || keys[i] === '') continue;
    for (const f of fields) {
      for (const s of synonyms[f] ?? []) {
        const key = nameKey(s);
        if (key.length >= PARTIAL_MIN && keys[i]!.includes(key)) candidates.push({ column: i, field: f, length: key.length });
      }
    }
  }
  candidates.sort((a, b) => b.length - a.length || a.column - b.column);
  for (const c of candidates) {
    if (taken.has(c.field) || out[c.column]!.field) continue;
    out[c.column] = { column: headers[c.column]!, field: c.field, match: 'PARTIAL' };
    taken.add(c.field);
  }
  return out;
}

export interface CsvMappingEntry {
  column: string;
  field: string | null;
}

/** Why a mapping is unusable: its kind, the values its sentence names, and the English sentence. */
export interface CsvMappingProblem {
  problem: 'NO_SUCH_COLUMN' | 'COLUMN_MAPPED_TWICE' | 'UNKNOWN_FIELD' | 'FIELD_FROM_TWO_COLUMNS' | 'REQUIRED_FIELD_UNMAPPED';
  params: Record<string, string>;
  message: string;
}

/**
 * What makes a mapping unusable, coded (checkCsvMapping says it in English): a column not
 * in the header or named twice, an unknown field, a field filled from two columns, or a
 * required field not filled. Null when the mapping works.
 */
export function csvMappingProblem(entity: CsvImportEntity, headers: readonly string[], mapping: readonly CsvMappingEntry[]): CsvMappingProblem | null {
  const specs = CSV_IMPORT_FIELDS[entity];
  const seenColumns = new Set<string>();
  const seenFields = new Map<string, string>();
  for (const { column, field } of mapping) {
    if (!headers.includes(column)) {
      return { problem: 'NO_SUCH_COLUMN', params: { column, columns: headers.join(', ') }, message: `The file has no column "${column}" (its columns: ${headers.join(', ')}).` };
    }
    if (seenColumns.has(column)) return { problem: 'COLUMN_MAPPED_TWICE', params: { column }, message: `The column "${column}" is mapped twice.` };
    seenColumns.add(column);
    if (field === null) continue;
    if (!specs.some((s) => s.key === field)) {
      return {
        problem: 'UNKNOWN_FIELD',
        params: { field, entity, fields: specs.map((s) => s.key).join(', ') },
        message: `"${field}" is not a field of ${entity.toLowerCase()} (fields: ${specs.map((s) => s.key).join(', ')}).`,
      };
    }
    const other = seenFields.get(field);
    if (other !== undefined) {
      return { problem: 'FIELD_FROM_TWO_COLUMNS', params: { field, entity, column: other, otherColumn: column }, message: `The field ${field} is filled from two columns: "${other}" and "${column}".` };
    }
    seenFields.set(field, column);
  }
  const missing = specs.filter((s) => s.required && !seenFields.has(s.key)).map((s) => s.key);
  if (missing.length > 0) {
    return {
      problem: 'REQUIRED_FIELD_UNMAPPED',
      params: { fields: missing.join(', '), entity },
      message: `Map a column to ${missing.join(' and ')}: ${entity.toLowerCase()} cannot be imported without it.`,
    };
  }
  return null;
}

/**
 * What makes a mapping unusable, in English (the API returns it as BAD_USER_INPUT): a
 * column not in the header or named twice, an unknown field, a field filled from two
 * columns, or a required field not filled. Null when the mapping works.
 */
export function checkCsvMapping(entity: CsvImportEntity, headers: readonly string[], mapping: readonly CsvMappingEntry[]): string | null {
  return csvMappingProblem(entity, headers, mapping)?.message ?? null;
}
