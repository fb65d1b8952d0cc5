import type { StageRole } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import {
  MATRIX_PLACEMENTS,
  cellKey,
  flattenMatrix,
  groupMatrix,
  isCategory,
  placementOf,
  replacePerson,
  samePlacement,
  withPlacement,
  type MatrixPerson,
} from './matrix';

const rep = (id: string, name: string, stageRole: StageRole | null, category: number | null): MatrixPerson => ({ id, name, stageRole, category });

const people = [
  rep('popov', 'Сергей Попов', 'FARMER', 3),
  rep('vasilyeva', 'Наталья Васильева', 'FARMER', 3),
  rep('novikov', 'Алексей Новиков', 'HUNTER', 2),
  rep('andreev', 'Роман Андреев', null, null),
  rep('half', 'Полина Никитина', 'PROSPECTOR', null),
  rep('odd', 'Ольга Странная', 'HUNTER', 7),
];

describe('groupMatrix', () => {
  const grid = groupMatrix(people);

  it('has the stage roles as rows in domain order and categories 1, 2, 3 as columns', () => {
    expect(grid.rows.map((r) => r.stageRole)).toEqual(['PROSPECTOR', 'HUNTER', 'FARMER', 'KEY_ACCOUNT']);
    for (const row of grid.rows) expect(row.cells.map((c) => c.category)).toEqual([1, 2, 3]);
    expect(grid.rows.flatMap((r) => r.cells.map((c) => c.key))).toEqual(MATRIX_PLACEMENTS.map(cellKey));
  });

  it('puts each rep in their cell, sorted by name, and counts cells, rows and columns', () => {
    const farmer3 = grid.rows[2]?.cells[2];
    expect(farmer3?.members.map((p) => p.id)).toEqual(['vasilyeva', 'popov']);
    expect(grid.rows[1]?.cells[1]?.members.map((p) => p.id)).toEqual(['novikov']);
    expect(grid.rows.map((r) => r.count)).toEqual([0, 1, 2, 0]);
    expect(grid.columnCounts).toEqual([0, 1, 2]);
    expect(grid.total).toBe(6);
  });

  it('keeps reps with no stage role, no category or an unknown one apart, sorted by name', () => {
    expect(grid.unplaced.map((p) => p.id)).toEqual(['odd', 'half', 'andreev']);
  });

  it('is all empty for no reps', () => {
    const empty = groupMatrix([]);
    expect(empty.total).toBe(0);
    expect(empty.unplaced).toEqual([]);
    expect(empty.rows.every((r) => r.cells.every((c) => c.members.length === 0))).toBe(true);
  });
});

describe('moving reps', () => {
  it('moves one rep to a cell without touching the others or the input', () => {
    const moved = withPlacement(people, 'popov', { stageRole: 'HUNTER', category: 2 });
    expect(moved.find((p) => p.id === 'popov')).toMatchObject({ stageRole: 'HUNTER', category: 2 });
    expect(people.find((p) => p.id === 'popov')).toMatchObject({ stageRole: 'FARMER', category: 3 });
    expect(groupMatrix(moved).rows[1]?.cells[1]?.members.map((p) => p.id)).toEqual(['novikov', 'popov']);
    expect(replacePerson(moved, people[0]!)).toEqual(people);
  });

  it('knows where a rep sits and compares cells', () => {
    expect(placementOf(people[0]!)).toEqual({ stageRole: 'FARMER', category: 3 });
    expect(placementOf(people[3]!)).toBeNull();
    expect(placementOf(people[5]!)).toBeNull();
    expect(samePlacement({ stageRole: 'FARMER', category: 3 }, { stageRole: 'FARMER', category: 3 })).toBe(true);
    expect(samePlacement({ stageRole: 'FARMER', category: 3 }, { stageRole: 'FARMER', category: 2 })).toBe(false);
    expect(samePlacement(null, { stageRole: 'FARMER', category: 2 })).toBe(false);
    expect([0, 1, 2, 3, 4, '2'].map(isCategory)).toEqual([false, true, true, true, false, false]);
  });

  it("flattens the API's cells into one list, each rep once", () => {
    const a = rep('a', 'A', 'FARMER', 1);
    const b = rep('b', 'B', null, null);
    expect(flattenMatrix([{ members: [a] }, { members: [] }, { members: [b, a] }])).toEqual([a, b]);
  });
});
