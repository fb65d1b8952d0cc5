import { describe, expect, it } from 'vitest';
import { formatHistoryValue, historyActionKey, historyChanges, type HistoryLabels } from './member-history';

const labels: HistoryLabels = {
  role: (v) => `role:${v}`,
  stageRole: (v) => `stage:${v}`,
  lineKind: (v) => `line:${v}`,
  absenceKind: (v) => `absence:${v}`,
  crossRoleKind: (v) => `cross:${v}`,
  weekday: (v) => ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][v] ?? '?',
  date: (v) => `date:${v}`,
  yes: 'yes',
  no: 'no',
  none: '—',
};

describe('historyChanges', () => {
  it('pairs the before and after of an update, in reading order whatever order the JSON has', () => {
    expect(
      historyChanges({ before: '{"category":3,"stageRole":"FARMER"}', after: '{"category":2,"stageRole":"HUNTER"}' }),
    ).toEqual([
      { field: 'stageRole', before: 'FARMER', after: 'HUNTER' },
      { field: 'category', before: 3, after: 2 },
    ]);
  });

  it('gives only the after of an addition and only the before of a removal, without ids', () => {
    expect(historyChanges({ before: null, after: '{"scope":null,"kind":"MATRIX","to":"Роман Андреев","zzz":1}' })).toEqual([
      { field: 'kind', after: 'MATRIX' },
      { field: 'to', after: 'Роман Андреев' },
      { field: 'scope', after: null },
      { field: 'zzz', after: 1 },
    ]);
    expect(historyChanges({ before: '{"kind":"REPORTS_TO","toMemberId":"m-1"}', after: null })).toEqual([{ field: 'kind', before: 'REPORTS_TO' }]);
  });

  it('leaves out fields that did not change and survives broken JSON', () => {
    expect(historyChanges({ before: '{"paused":false,"name":"A"}', after: '{"paused":true,"name":"A"}' })).toEqual([
      { field: 'paused', before: false, after: true },
    ]);
    expect(historyChanges({ before: 'not json', after: '[1,2]' })).toEqual([]);
  });
});

describe('formatHistoryValue', () => {
  it('translates roles, stage roles and the kinds of lines, absences and cross roles', () => {
    expect(formatHistoryValue('member', 'stageRole', 'HUNTER', labels)).toBe('stage:HUNTER');
    expect(formatHistoryValue('member', 'role', 'LEAD', labels)).toBe('role:LEAD');
    expect(formatHistoryValue('reporting_line', 'kind', 'MATRIX', labels)).toBe('line:MATRIX');
    expect(formatHistoryValue('absence', 'kind', 'VACATION', labels)).toBe('absence:VACATION');
    expect(formatHistoryValue('cross_role', 'kind', 'PRODUCT_MANAGER', labels)).toBe('cross:PRODUCT_MANAGER');
    expect(formatHistoryValue('member', 'kind', 'WHATEVER', labels)).toBe('WHATEVER');
  });

  it('writes out booleans, empty values, dates, lists and schedules', () => {
    expect(formatHistoryValue('member', 'active', false, labels)).toBe('no');
    expect(formatHistoryValue('member', 'email', null, labels)).toBe('—');
    expect(formatHistoryValue('absence', 'startsOn', '2025-03-01', labels)).toBe('date:2025-03-01');
    expect(formatHistoryValue('cross_role', 'products', ['Серверы', 'СХД'], labels)).toBe('Серверы, СХД');
    expect(formatHistoryValue('cross_role', 'regions', [], labels)).toBe('—');
    expect(
      formatHistoryValue('schedule', 'slots', [{ weekday: 1, startsAt: '10:00', endsAt: '14:00' }, { weekday: 3, startsAt: '14:00', endsAt: '18:00' }], labels),
    ).toBe('Mon 10:00–14:00, Wed 14:00–18:00');
    expect(formatHistoryValue('member', 'category', 2, labels)).toBe('2');
    expect(formatHistoryValue('member', 'extra', { a: 1 }, labels)).toBe('{"a":1}');
  });
});

describe('historyActionKey', () => {
  it('knows the actions the server records and nothing else', () => {
    expect(historyActionKey('updated')).toBe('updated');
    expect(historyActionKey('line added')).toBe('lineAdded');
    expect(historyActionKey('team paused')).toBe('teamPaused');
    expect(historyActionKey('toString')).toBeNull();
    expect(historyActionKey('something new')).toBeNull();
  });
});
