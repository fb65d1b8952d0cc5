import { CATEGORIES, STAGE_ROLES, type Category, type StageRole } from '@salescircle/shared';

/** A rep as the matrix needs them. */
export interface MatrixPerson {
  id: string;
  name: string;
  stageRole: StageRole | null;
  category: number | null;
}

/** A cell of the matrix: a stage role and a client category. */
export interface MatrixPlacement {
  stageRole: StageRole;
  category: Category;
}

export interface MatrixCellView<T> extends MatrixPlacement {
  key: string;
  members: T[];
}

export interface MatrixRowView<T> {
  stageRole: StageRole;
  cells: MatrixCellView<T>[];
  count: number;
}

export interface MatrixGrid<T> {
  /** In domain order: PROSPECTOR, HUNTER, FARMER, KEY_ACCOUNT; cells by category 1, 2, 3. */
  rows: MatrixRowView<T>[];
  /** People per category, in CATEGORIES order. */
  columnCounts: number[];
  /** Reps with no stage role or no category yet. */
  unplaced: T[];
  total: number;
}

export function isCategory(value: unknown): value is Category {
  return typeof value === 'number' && (CATEGORIES as readonly number[]).includes(value);
}

export function cellKey(placement: MatrixPlacement): string {
  return `${placement.stageRole}:${placement.category}`;
}

/** The cell a rep sits in, or null when they are not placed yet. */
export function placementOf(person: Pick<MatrixPerson, 'stageRole' | 'category'>): MatrixPlacement | null {
  return person.stageRole && isCategory(person.category) ? { stageRole: person.stageRole, category: person.category } : null;
}

export function samePlacement(a: MatrixPlacement | null, b: MatrixPlacement | null): boolean {
  return !!a && !!b && a.stageRole === b.stageRole && a.category === b.category;
}

/** Every cell, row by row. */
export const MATRIX_PLACEMENTS: readonly MatrixPlacement[] = STAGE_ROLES.flatMap((stageRole) =>
  CATEGORIES.map((category) => ({ stageRole, category })),
);

/** The reps of the API's cells as one list, each once (the server's cells may overlap in the future). */
export function flattenMatrix<T extends { id: string }>(cells: readonly { members: readonly T[] }[]): T[] {
  const seen = new Set<string>();
  const people: T[] = [];
  for (const person of cells.flatMap((cell) => cell.members)) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    people.push(person);
  }
  return people;
}

/** Lays reps out in the 4 × 3 grid, each cell sorted by name, with counts. */
export function groupMatrix<T extends MatrixPerson>(people: readonly T[], locale = 'ru'): MatrixGrid<T> {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, locale);
  const cells = new Map<string, T[]>(MATRIX_PLACEMENTS.map((p) => [cellKey(p), []]));
  const unplaced: T[] = [];
  for (const person of people) {
    const placement = placementOf(person);
    const cell = placement ? cells.get(cellKey(placement)) : undefined;
    if (cell) cell.push(person);
    else unplaced.push(person);
  }
  const rows = STAGE_ROLES.map((stageRole) => {
    const rowCells = CATEGORIES.map((category) => {
      const key = cellKey({ stageRole, category });
      return { key, stageRole, category, members: (cells.get(key) ?? []).sort(byName) };
    });
    return { stageRole, cells: rowCells, count: rowCells.reduce((sum, cell) => sum + cell.members.length, 0) };
  });
  const columnCounts = CATEGORIES.map((_, i) => rows.reduce((sum, row) => sum + (row.cells[i]?.members.length ?? 0), 0));
  return { rows, columnCounts, unplaced: unplaced.sort(byName), total: people.length };
}

/** A rep moved to a cell (the optimistic picture before the server answers). */
export function withPlacement<T extends MatrixPerson>(people: readonly T[], id: string, placement: MatrixPlacement): T[] {
  return people.map((person) => (person.id === id ? { ...person, stageRole: placement.stageRole, category: placement.category } : person));
}

/** Replaces one rep by the server's version of them. */
export function replacePerson<T extends { id: string }>(people: readonly T[], next: T): T[] {
  return people.map((person) => (person.id === next.id ? next : person));
}

/** Active clients owned by the people of a cell (or a row, or everyone shown). */
export function activeClientCount(people: readonly { capacity: { activeClients: number } }[]): number {
  return people.reduce((sum, person) => sum + person.capacity.activeClients, 0);
}
