import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyMove, boardColumns, debounce, dropPosition, formatUnits, localDay, progressPercent, splitWip, wipTone } from './sprint-board';

const card = (id: string, status: 'TODO' | 'IN_PROGRESS' | 'BLOCKED' | 'DONE', position: number, title = id) => ({ id, status, position, title });

afterEach(() => vi.useRealTimers());

describe('sprint board', () => {
  it('groups the cards by column in position order, every column present', () => {
    const columns = boardColumns([card('b', 'TODO', 2), card('a', 'TODO', 1, 'Beta'), card('c', 'DONE', 5), card('d', 'TODO', 1, 'Alpha')]);
    expect(columns.TODO.map((c) => c.id)).toEqual(['d', 'a', 'b']);
    expect(columns.IN_PROGRESS).toEqual([]);
    expect(columns.BLOCKED).toEqual([]);
    expect(columns.DONE.map((c) => c.id)).toEqual(['c']);
  });

  it('puts a dropped card at the end, or halfway before the card it was dropped on', () => {
    const column = [card('a', 'TODO', 1), card('b', 'TODO', 2), card('c', 'TODO', 4)];
    expect(dropPosition(column, 'x', null)).toBe(5);
    expect(dropPosition(column, 'x', 'c')).toBe(3);
    expect(dropPosition(column, 'x', 'a')).toBe(0);
    expect(dropPosition([], 'x', null)).toBe(1);
    // Moving within the column ignores the card itself.
    expect(dropPosition(column, 'c', null)).toBe(3);
    expect(dropPosition(column, 'a', 'unknown')).toBe(5);
  });

  it('applies a move without touching the other cards', () => {
    const before = [card('a', 'TODO', 1), card('b', 'TODO', 2)];
    const after = applyMove(before, 'a', 'IN_PROGRESS', 3);
    expect(after[0]).toEqual({ id: 'a', status: 'IN_PROGRESS', position: 3, title: 'a' });
    expect(after[1]).toBe(before[1]);
    expect(before[0]!.status).toBe('TODO');
  });

  it('tells full and over the limit apart, and splits the team from the people', () => {
    expect(wipTone(3, 5)).toBe('ok');
    expect(wipTone(5, 5)).toBe('full');
    expect(wipTone(6, 5)).toBe('over');
    expect(wipTone(4, 0)).toBe('ok');
    const { team, people } = splitWip([
      { memberId: null, memberName: null, active: 13, limit: 20 },
      { memberId: 'm2', memberName: 'Boris', active: 1, limit: 5 },
      { memberId: 'm1', memberName: 'Anna', active: 3, limit: 5 },
      { memberId: 'm3', memberName: 'Vera', active: 1, limit: 5 },
    ]);
    expect(team?.active).toBe(13);
    expect(people.map((p) => p.memberName)).toEqual(['Anna', 'Boris', 'Vera']);
    expect(splitWip([]).team).toBeNull();
  });

  it('formats target units and progress', () => {
    expect(formatUnits(1500000, 'ORDER_AMOUNT', 'en')).toBe('₽1,500,000');
    expect(formatUnits(1500000, 'ORDER_AMOUNT', 'ru')).toMatch(/^1\s500\s000\s₽$/);
    expect(formatUnits(40, 'CALLS', 'en')).toBe('40');
    expect(progressPercent(0.425)).toBe(43);
    expect(progressPercent(2.1)).toBe(100);
    expect(progressPercent(Number.NaN)).toBe(0);
    expect(progressPercent(-1)).toBe(0);
  });

  it('takes the calendar day of a moment in local time', () => {
    expect(localDay(new Date(2026, 11, 1, 23, 30))).toBe('2026-12-01');
    expect(localDay('not a date')).toBe('');
  });

  it('debounces a burst of calls into one', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 200);
    d.call();
    d.call();
    vi.advanceTimersByTime(150);
    d.call();
    vi.advanceTimersByTime(199);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d.call();
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
