/**
 * Reading one cell of an imported CSV as the value a field needs: money with a comma or a
 * dot, dates as dd.mm.yyyy or yyyy-mm-dd, yes/no in Russian or English, an INN with its
 * check digits, and the product's enums by their codes or the words exports use for them.
 */
import { ACTIVITY_KINDS, CHANNELS, OWNERSHIP_FORMS, type ActivityKind, type Channel, type OwnershipForm } from '../domain/clients';
import type { CsvCellProblem, CsvFieldSpec, CsvValueKind } from '../domain/csv-import';
import { CLIENT_STAGES, type ClientStage } from '../domain/roles';
import { nameKey } from './reconcile-name';
import { innProblem } from './validate-inn';

export type CellResult<T> = { ok: true; value: T } | { ok: false; problem: CsvCellProblem };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(problem: CsvCellProblem): CellResult<T> => ({ ok: false, problem });

/** numeric(18,2): 16 digits before the point. */
const MAX_INTEGER_DIGITS = 16;

/**
 * A non-negative amount as numeric text with two decimals ("1234.50"). Spaces (also
 * no-break and thin), apostrophes and currency signs or words are ignored. With both a
 * comma and a dot, the last one is the decimal separator. A lone separator is the decimal
 * one, unless exactly three digits follow it after 1-3 leading digits ("1,234" or "1.234"
 * is one thousand two hundred thirty-four: money has no third decimal); a repeated one
 * groups thousands ("1.234.567"). More than two decimals are refused, not rounded.
 */
export function parseMoney(text: string): CellResult<string> {
  let s = text
    .trim()
    .replace(/[\s\u00a0\u2009\u202f']/g, '')
    .replace(/(₽|руб\.?|р\.|rub|rur|usd|eur|\$|€)$/i, '')
    .replace(/^(₽|\$|€)/, '');
  if (s === '') return fail('NOT_A_NUMBER');
  if (s.startsWith('-')) return /^-[\d.,]+$/.test(s) ? fail('NEGATIVE') : fail('NOT_A_NUMBER');
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail('NOT_A_NUMBER');
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  let integer: string;
  let fraction = '';
  if (commas > 0 && dots > 0) {
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [head, tail, ...rest] = s.split(decimal);
    if (rest.length > 0 || head === undefined || tail === undefined || tail.includes(group)) return fail('NOT_A_NUMBER');
    if (!/^\d{1,3}([.,]\d{3})*$/.test(head)) return fail('NOT_A_NUMBER');
    integer = head.split(group).join('');
    fraction = tail;
  } else if (commas + dots === 0) {
    integer = s;
  } else {
    const sep = commas > 0 ? ',' : '.';
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (!/^\d{1,3}$/.test(parts[0]!) || parts.slice(1).some((p) => !/^\d{3}$/.test(p))) return fail('NOT_A_NUMBER');
      integer = parts.join('');
    } else if (/^[1-9]\d{0,2}$/.test(parts[0]!) && /^\d{3}$/.test(parts[1]!)) {
      integer = parts.join('');
    } else {
      integer = parts[0]!;
      fraction = parts[1]!;
    }
  }
  if (integer === '') integer = '0';
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return fail('NOT_A_NUMBER');
  if (fraction.length > 2) return fail('NOT_A_NUMBER');
  const digits = integer.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS) return fail('TOO_LARGE');
  return ok(`${digits}.${fraction.padEnd(2, '0')}`);
}

function calendarDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})/;
const RU_DAY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/;
const TIME = /^(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*$/;

function splitDay(text: string): { day: string; rest: string } | null {
  const s = text.trim();
  const iso = ISO_DAY.exec(s);
  const ru = iso ? null : RU_DAY.exec(s);
  const m = iso ?? ru;
  if (!m) return null;
  const day = iso ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : calendarDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return day ? { day, rest: s.slice(m[0].length) } : null;
}

/** A calendar day as YYYY-MM-DD from dd.mm.yyyy or yyyy-mm-dd (a time after it, as exports add, is ignored). */
export function parseCsvDate(text: string): CellResult<string> {
  const split = splitDay(text);
  if (!split || !TIME.test(split.rest)) return fail('NOT_A_DATE');
  return ok(split.day);
}

/** A wall-clock moment as "YYYY-MM-DD HH:MM:SS" (the organization's time zone applies): a date alone is midnight. */
export function parseCsvDateTime(text: string): CellResult<string> {
  const split = splitDay(text);
  const time = split ? TIME.exec(split.rest) : null;
  if (!split || !time) return fail('NOT_A_DATETIME');
  const [h, m, sec] = [Number(time[1] ?? 0), Number(time[2] ?? 0), Number(time[3] ?? 0)];
  if (h > 23 || m > 59 || sec > 59) return fail('NOT_A_DATETIME');
  const two = (n: number) => String(n).padStart(2, '0');
  return ok(`${split.day} ${two(h)}:${two(m)}:${two(sec)}`);
}

const TRUE_WORDS = ['yes', 'y', 'true', '1', 'да', 'д', 'истина', 'вкл', 'on', '+', 'x', '✓', 'vip'];
const FALSE_WORDS = ['no', 'n', 'false', '0', 'нет', 'н', 'ложь', 'выкл', 'off', '-'];

/** yes/no, да/нет, true/false, 1/0, +/-. */
export function parseCsvBoolean(text: string): CellResult<boolean> {
  const s = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(s)) return ok(true);
  if (FALSE_WORDS.includes(s)) return ok(false);
  return fail('NOT_A_BOOLEAN');
}

/** An INN with its spaces removed, checked by the shared checksum rule. */
export function parseCsvInn(text: string): CellResult<string> {
  const inn = text.replace(/[\s\u00a0-]/g, '');
  const problem = innProblem(inn);
  return problem ? fail(`INN_${problem}`) : ok(inn);
}

/** Category 1 to 3: "1", "К1", "Категория 2", "cat. 3". */
export function parseCsvCategory(text: string): CellResult<1 | 2 | 3> {
  const m = /^(?:категория|кат\.?|к|category|cat\.?|c)?\s*([123])$/i.exec(text.trim());
  return m ? ok(Number(m[1]) as 1 | 2 | 3) : fail('NOT_A_CATEGORY');
}

const CURRENCY_WORDS: Record<string, string> = { '₽': 'RUB', руб: 'RUB', 'руб.': 'RUB', р: 'RUB', 'р.': 'RUB', рубль: 'RUB', рубли: 'RUB', rur: 'RUB', $: 'USD', '€': 'EUR', евро: 'EUR', доллар: 'USD', доллары: 'USD' };

/** An ISO 4217 code ("rub", "USD") or a sign or word ("₽", "руб.", "$", "€"). */
export function parseCsvCurrency(text: string): CellResult<string> {
  const s = text.trim();
  const word = CURRENCY_WORDS[s.toLowerCase()];
  if (word) return ok(word);
  return /^[a-z]{3}$/i.test(s) ? ok(s.toUpperCase()) : fail('NOT_A_CURRENCY');
}

/** The words an export may use for each value of an enum (the value's own code is always accepted). */
export const CSV_ENUM_WORDS = {
  OWNERSHIP_FORM: {
    COMMERCIAL: ['commercial', 'business', 'company', 'коммерческая', 'коммерческий', 'коммерция', 'юрлицо', 'юридическое лицо', 'ооо', 'ао', 'пао', 'зао'],
    GOVERNMENT: ['government', 'public sector', 'state', 'государственная', 'государственный', 'госсектор', 'гос', 'бюджетная', 'бюджетный', 'муниципальная', 'гуп', 'муп', 'фгуп'],
    PRIVATE_PERSON: ['private person', 'private', 'individual', 'person', 'физлицо', 'физ лицо', 'физическое лицо', 'частное лицо'],
  } satisfies Record<OwnershipForm, string[]>,
  CHANNEL: {
    DEALER: ['dealer', 'dealers', 'дилер', 'дилеры', 'дилерская сеть'],
    OWN_NETWORK: ['own network', 'own', 'собственная сеть', 'своя сеть', 'собственная'],
    FRANCHISE: ['franchise', 'франшиза', 'франчайзи', 'франчайзинг'],
    RETAIL_CHAIN: ['retail chain', 'retail chains', 'retail', 'chain', 'розничные сети', 'розничная сеть', 'торговая сеть', 'сеть', 'ритейл', 'розница'],
    KEY_CLIENT: ['key client', 'key clients', 'key account', 'large client', 'крупные клиенты', 'ключевой клиент', 'крупный клиент', 'ключевой'],
    DIRECT: ['direct', 'direct sales', 'прямые продажи', 'прямой', 'прямые', 'напрямую'],
  } satisfies Record<Channel, string[]>,
  CLIENT_STAGE: {
    LEAD: ['lead', 'new', 'cold', 'лид', 'новый', 'холодный', 'база', 'сырая база'],
    PROSPECT: ['prospect', 'warm', 'qualified', 'потенциальный', 'теплый', 'тёплый', 'теплый лид', 'тёплый лид', 'анкета', 'квалифицирован'],
    ACTIVE: ['active', 'customer', 'client', 'активный', 'работающий', 'действующий', 'клиент'],
    REGULAR: ['regular', 'loyal', 'постоянный', 'лояльный'],
    STRATEGIC: ['strategic', 'key', 'стратегический', 'ключевой'],
    DORMANT: ['dormant', 'inactive', 'sleeping', 'спящий', 'неактивный'],
    LOST: ['lost', 'churned', 'потерян', 'потерянный', 'ушел', 'ушёл', 'отток'],
  } satisfies Record<ClientStage, string[]>,
  ACTIVITY_KIND: {
    CALL: ['call', 'phone call', 'phone', 'звонок', 'исходящий звонок', 'входящий звонок', 'телефон', 'звонки'],
    MEETING: ['meeting', 'visit', 'встреча', 'визит', 'встречи'],
    EMAIL: ['email', 'e-mail', 'mail', 'letter', 'письмо', 'почта', 'электронное письмо'],
    TASK: ['task', 'to-do', 'todo', 'задача', 'дело', 'задачи'],
  } satisfies Record<ActivityKind, string[]>,
} as const;

export type CsvEnumKind = keyof typeof CSV_ENUM_WORDS;

const ENUM_CODES: Record<CsvEnumKind, readonly string[]> = {
  OWNERSHIP_FORM: OWNERSHIP_FORMS,
  CHANNEL: CHANNELS,
  CLIENT_STAGE: CLIENT_STAGES,
  ACTIVITY_KIND: ACTIVITY_KINDS,
};

const enumKeys = new Map<CsvEnumKind, Map<string, string>>();
function keysOf(kind: CsvEnumKind): Map<string, string> {
  let keys = enumKeys.get(kind);
  if (!keys) {
    keys = new Map();
    for (const code of ENUM_CODES[kind]) keys.set(nameKey(code), code);
    for (const [code, words] of Object.entries(CSV_ENUM_WORDS[kind])) for (const word of words as readonly string[]) keys.set(nameKey(word), code);
    enumKeys.set(kind, keys);
  }
  return keys;
}

/** A value of one of the enums by its code or a word for it, in any case and spacing. */
export function parseCsvEnum(kind: CsvEnumKind, text: string): CellResult<string> {
  const code = keysOf(kind).get(nameKey(text));
  return code ? ok(code) : fail('UNKNOWN_VALUE');
}

export type CsvCellValue = string | number | boolean;

/**
 * One cell read as its field needs: null for an empty optional cell, a problem for an
 * empty required one or one that does not read. MEMBER and STAGE are kept as text here:
 * they are found among the organization's members and the pipeline's stages on import.
 */
export function parseCsvCell(spec: CsvFieldSpec, raw: string): CellResult<CsvCellValue | null> {
  const text = raw.trim();
  if (text === '') return spec.required ? fail('REQUIRED') : ok(null);
  const kind: CsvValueKind = spec.kind;
  switch (kind) {
    case 'TEXT':
    case 'MEMBER':
    case 'STAGE':
      return text.length > spec.maxLength ? fail('TOO_LONG') : ok(text);
    case 'MONEY':
      return parseMoney(text);
    case 'DATE':
      return parseCsvDate(text);
    case 'DATETIME':
      return parseCsvDateTime(text);
    case 'BOOLEAN':
      return parseCsvBoolean(text);
    case 'INN':
      return parseCsvInn(text);
    case 'CATEGORY':
      return parseCsvCategory(text);
    case 'CURRENCY':
      return parseCsvCurrency(text);
    case 'OWNERSHIP_FORM':
    case 'CHANNEL':
    case 'CLIENT_STAGE':
    case 'ACTIVITY_KIND':
      return parseCsvEnum(kind, text);
  }
}

/** English messages of the cell problems (the API's; the page has its own in both languages). */
export const CSV_CELL_PROBLEM_MESSAGES: Record<CsvCellProblem, string> = {
  REQUIRED: 'is empty but required',
  TOO_LONG: 'is too long',
  NOT_A_NUMBER: 'is not an amount (digits with a comma or a dot, at most 2 decimals)',
  NEGATIVE: 'is negative',
  TOO_LARGE: 'is too large',
  NOT_A_DATE: 'is not a date (dd.mm.yyyy or yyyy-mm-dd)',
  NOT_A_DATETIME: 'is not a date and time (dd.mm.yyyy hh:mm or yyyy-mm-dd hh:mm)',
  NOT_A_BOOLEAN: 'is not yes/no (yes, no, да, нет, 1, 0)',
  INN_NOT_DIGITS: 'is not an INN: digits only',
  INN_WRONG_LENGTH: 'is not an INN: 10 digits (organization) or 12 (person)',
  INN_BAD_CHECKSUM: 'is not a valid INN: the check digits do not match',
  NOT_A_CATEGORY: 'is not a category (1, 2 or 3)',
  NOT_A_CURRENCY: 'is not a currency (RUB, USD, ₽, руб.)',
  UNKNOWN_VALUE: 'is not one of the known values',
  UNKNOWN_MEMBER: 'is not a member of the organization (give a name or an e-mail)',
  AMBIGUOUS_MEMBER: 'names several members (give the e-mail)',
  UNKNOWN_STAGE: 'is not a stage of the pipeline',
};
