import { describe, expect, it } from 'vitest';
import { dueLoad, isWeekend, sprintDays, timelineRows, todayColumn } from './sprint-timeline';

const days = sprintDays('2026-11-25', '2026-12-08');

function process(id: string, extra: Partial<Parameters<typeof timelineRows>[0][number]> = {}) {
  return { id, title: id, status: 'TODO' as const, createdAt: '2026-11-24T09:00:00', startsOn: '2026-11-25', dueAt: null, overdue: false, ...extra };
}

describe('sprint timeline', () => {
  it('lists every day of the sprint, none for bad dates', () => {
    expect(days).toHaveLength(14);
    expect(days[0]).toBe('2026-11-25');
    expect(days[13]).toBe('2026-12-08');
    expect(sprintDays('2026-12-08', '2026-11-25')).toEqual([]);
    expect(sprintDays('soon', '2026-11-25')).toEqual([]);
    expect(isWeekend('2026-11-28')).toBe(true);
    expect(isWeekend('2026-11-30')).toBe(false);
  });

  it('draws a bar from the start to the due day, cut at the edges of the sprint', () => {
    const rows = timelineRows(
      [
        process('due', { dueAt: '2026-11-28T12:00:00', overdue: true }),
        process('open'),
        process('early', { startsOn: '2026-11-20', dueAt: '2026-12-20T12:00:00' }),
        process('created', { startsOn: null, createdAt: '2026-11-30T10:00:00', dueAt: '2026-12-02T12:00:00' }),
      ],
      days,
    );
    const byId = Object.fromEntries(rows.map((r) => [r.process.id, r]));
    expect(byId.due).toMatchObject({ columnStart: 1, columnEnd: 5, overdue: true, openEnded: false });
    expect(byId.open).toMatchObject({ columnStart: 1, columnEnd: 15, openEnded: true, to: '2026-12-08' });
    expect(byId.early).toMatchObject({ columnStart: 1, columnEnd: 15, cutStart: true, cutEnd: true });
    expect(byId.created).toMatchObject({ from: '2026-11-30', columnStart: 6, columnEnd: 9 });
    // Ordered by start, then due day.
    expect(rows.map((r) => r.process.id)).toEqual(['early', 'due', 'open', 'created']);
  });

  it('keeps a bar one day wide when the due day comes before the start', () => {
    const [row] = timelineRows([process('odd', { startsOn: '2026-12-01', dueAt: '2026-11-27T12:00:00' })], days);
    expect(row).toMatchObject({ columnStart: 7, columnEnd: 8 });
  });

  it('finds today and counts what is due each day', () => {
    expect(todayColumn(days, '2026-12-01')).toBe(7);
    expect(todayColumn(days, '2027-01-01')).toBeNull();
    const rows = timelineRows([process('a', { dueAt: '2026-11-28T12:00:00' }), process('b', { dueAt: '2026-11-28T15:00:00' }), process('c')], days);
    const load = dueLoad(rows, days);
    expect(load[3]).toBe(2);
    expect(load.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
