import {
  ABSENCE_KINDS,
  CROSS_ROLE_KINDS,
  LINE_KINDS,
  ROLES,
  STAGE_ROLES,
  type AbsenceKind,
  type CrossRoleKind,
  type LineKind,
  type Role,
  type StageRole,
} from '@salescircle/shared';
import { isWeekday } from './schedule-form';

/** The actions the server records about a person, as message keys (history.actions.*). */
export const HISTORY_ACTIONS = {
  created: 'created',
  updated: 'updated',
  'line added': 'lineAdded',
  'line removed': 'lineRemoved',
  'cross role assigned': 'crossRoleAssigned',
  'cross role removed': 'crossRoleRemoved',
  'schedule set': 'scheduleSet',
  'absence added': 'absenceAdded',
  'absence removed': 'absenceRemoved',
  'team created': 'teamCreated',
  'team updated': 'teamUpdated',
  'joined team': 'joinedTeam',
  'left team': 'leftTeam',
  'team paused': 'teamPaused',
  'team resumed': 'teamResumed',
} as const;

export type HistoryActionKey = (typeof HISTORY_ACTIONS)[keyof typeof HISTORY_ACTIONS];

export function historyActionKey(action: string): HistoryActionKey | null {
  return Object.prototype.hasOwnProperty.call(HISTORY_ACTIONS, action) ? HISTORY_ACTIONS[action as keyof typeof HISTORY_ACTIONS] : null;
}

/** Fields a person cannot read (ids); the rest of the entry says enough. */
const HIDDEN_FIELDS = new Set(['id', 'memberId', 'toMemberId', 'fromMemberId', 'teamId', 'organizationId', 'directorId', 'leadId', 'coachId']);

function parseObject(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** One field of an entry: changed (both sides), set (after only) or cleared (before only). */
export interface HistoryChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** The order people read fields in (the server's JSON keeps its own order); other fields follow. */
const FIELD_ORDER = [
  'name',
  'email',
  'role',
  'active',
  'stageRole',
  'category',
  'capacityClients',
  'capacityProcesses',
  'kind',
  'from',
  'to',
  'scope',
  'products',
  'regions',
  'slots',
  'startsOn',
  'endsOn',
  'note',
  'team',
  'paused',
];

const rank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
};

/** The readable changes of an entry, fields in reading order, unchanged ones left out. */
export function historyChanges(entry: { before: string | null; after: string | null }): HistoryChange[] {
  const before = parseObject(entry.before);
  const after = parseObject(entry.after);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
    .filter((f) => !HIDDEN_FIELDS.has(f))
    .map((field, i) => ({ field, i }))
    .sort((a, b) => rank(a.field) - rank(b.field) || a.i - b.i)
    .map(({ field }) => field);
  const changes: HistoryChange[] = [];
  for (const field of fields) {
    const change: HistoryChange = { field };
    if (before && field in before) change.before = before[field];
    if (after && field in after) change.after = after[field];
    if ('before' in change && 'after' in change && JSON.stringify(change.before) === JSON.stringify(change.after)) continue;
    changes.push(change);
  }
  return changes;
}

/** How values are named in the viewer's language. */
export interface HistoryLabels {
  role: (value: Role) => string;
  stageRole: (value: StageRole) => string;
  lineKind: (value: LineKind) => string;
  absenceKind: (value: AbsenceKind) => string;
  crossRoleKind: (value: CrossRoleKind) => string;
  /** Short weekday name, 1 = Monday. */
  weekday: (value: number) => string;
  /** A YYYY-MM-DD date. */
  date: (value: string) => string;
  yes: string;
  no: string;
  none: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

function formatSlot(value: unknown, labels: HistoryLabels): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const slot = value as Record<string, unknown>;
  if (!isWeekday(slot.weekday) || typeof slot.startsAt !== 'string' || typeof slot.endsAt !== 'string') return null;
  return `${labels.weekday(slot.weekday)} ${slot.startsAt}–${slot.endsAt}`;
}

/** A value of a history entry in words: enums translated, dates formatted, schedules spelled out. */
export function formatHistoryValue(entity: string, field: string, value: unknown, labels: HistoryLabels): string {
  if (value === null || value === undefined || value === '') return labels.none;
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  if (field === 'role' && isOneOf(ROLES, value)) return labels.role(value);
  if (field === 'stageRole' && isOneOf(STAGE_ROLES, value)) return labels.stageRole(value);
  if (field === 'kind') {
    if (entity === 'reporting_line' && isOneOf(LINE_KINDS, value)) return labels.lineKind(value);
    if (entity === 'absence' && isOneOf(ABSENCE_KINDS, value)) return labels.absenceKind(value);
    if (entity === 'cross_role' && isOneOf(CROSS_ROLE_KINDS, value)) return labels.crossRoleKind(value);
  }
  if ((field === 'startsOn' || field === 'endsOn') && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return labels.date(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return labels.none;
    if (field === 'slots') return value.map((slot) => formatSlot(slot, labels) ?? JSON.stringify(slot)).join(', ');
    return value.map((item) => (typeof item === 'string' || typeof item === 'number' ? String(item) : JSON.stringify(item))).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
