import { describe, expect, it } from 'vitest';
import { upcomingReminders } from './upcoming-reminders';

const now = new Date('2026-12-03T09:00:00Z');
const reminder = (id: string, nextAt: string | null, note = '') => ({ id, kind: 'AT', note, nextAt, recipientName: 'Rita' });
const process = (id: string, status: string, reminders: ReturnType<typeof reminder>[], overdue = false) => ({ id, title: `P ${id}`, status, overdue, owner: { name: 'Rita' }, reminders });

describe('the reminders coming up for a lead', () => {
  it('lists the next week of open processes soonest first, with one still due from before', () => {
    const { items, more } = upcomingReminders(
      [
        process('a', 'IN_PROGRESS', [reminder('r1', '2026-12-05T07:00:00Z', 'call back'), reminder('r2', '2026-12-20T07:00:00Z')]),
        process('b', 'TODO', [reminder('r3', '2026-12-03T08:00:00Z')], true),
        process('c', 'DONE', [reminder('r4', '2026-12-04T08:00:00Z')]),
        process('d', 'BLOCKED', [reminder('r5', null)]),
      ],
      now,
    );
    expect(items.map((r) => r.id)).toEqual(['r3', 'r1']);
    expect(items[0]).toMatchObject({ processId: 'b', processTitle: 'P b', overdue: true, ownerName: 'Rita' });
    expect(items[1]).toMatchObject({ note: 'call back', at: '2026-12-05T07:00:00Z' });
    expect(more).toBe(0);
  });

  it('keeps the first few and counts the rest', () => {
    const many = process('a', 'TODO', Array.from({ length: 11 }, (_, i) => reminder(`r${String(i).padStart(2, '0')}`, `2026-12-0${4 + (i % 3)}T10:00:00Z`)));
    const { items, more } = upcomingReminders([many], now, 7, 8);
    expect(items).toHaveLength(8);
    expect(more).toBe(3);
    for (let i = 1; i < items.length; i += 1) expect(Date.parse(items[i]!.at)).toBeGreaterThanOrEqual(Date.parse(items[i - 1]!.at));
  });
});
