import type { LineKind } from '@salescircle/shared';

/** A line as the API gives it: `from` is the person, `to` their manager, coach or matrix manager. */
export interface ApiLine {
  id: string;
  kind: LineKind;
  scope: string | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
}

/** A line between two people drawn in the circle. */
export interface CircleEdge {
  id: string;
  kind: LineKind;
  fromId: string;
  toId: string;
  scope: string | null;
}

/** A line from someone in the circle to someone who is not drawn in it. */
export interface OutsideLine {
  id: string;
  kind: LineKind;
  scope: string | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
}

export interface CircleLines {
  /** REPORTS_TO and MATRIX lines between people in the drawing. */
  edges: CircleEdge[];
  /** COACHES lines to the team's coach: drawn as one line from the ring, listed per person. */
  coached: CircleEdge[];
  /** COACHES lines between other people in the drawing. */
  otherCoaching: CircleEdge[];
  /** Lines from people in the circle to people outside it (e.g. a matrix manager of another team). */
  outside: OutsideLine[];
}

/**
 * Sorts the lines of the people in a circle (each line comes with both its ends, so it is
 * deduplicated) into what the drawing shows. Lines whose person is outside the circle
 * (another team reporting to the same director) are left out.
 */
export function buildCircleLines(
  people: readonly { id: string; lines: readonly ApiLine[] }[],
  coachId: string | null,
): CircleLines {
  const inCircle = new Set(people.map((p) => p.id));
  const seen = new Set<string>();
  const result: CircleLines = { edges: [], coached: [], otherCoaching: [], outside: [] };
  for (const line of people.flatMap((p) => p.lines)) {
    if (seen.has(line.id)) continue;
    seen.add(line.id);
    if (!inCircle.has(line.from.id) || line.from.id === line.to.id) continue;
    if (!inCircle.has(line.to.id)) {
      result.outside.push({ id: line.id, kind: line.kind, scope: line.scope, from: line.from, to: line.to });
      continue;
    }
    const edge: CircleEdge = { id: line.id, kind: line.kind, fromId: line.from.id, toId: line.to.id, scope: line.scope };
    if (line.kind === 'COACHES') (line.to.id === coachId ? result.coached : result.otherCoaching).push(edge);
    else result.edges.push(edge);
  }
  const byKindThenIds = (a: { kind: string; fromId: string; toId: string }, b: { kind: string; fromId: string; toId: string }) =>
    a.kind.localeCompare(b.kind) || a.fromId.localeCompare(b.fromId) || a.toId.localeCompare(b.toId);
  result.edges.sort(byKindThenIds);
  result.coached.sort(byKindThenIds);
  result.otherCoaching.sort(byKindThenIds);
  result.outside.sort((a, b) => a.kind.localeCompare(b.kind) || a.from.name.localeCompare(b.from.name, 'ru'));
  return result;
}

/** Who each person reports to, is coached by and has as matrix managers, by person id (for the list beside the drawing). */
export interface PersonLinks {
  reportsTo: { id: string; name: string }[];
  coachedBy: { id: string; name: string }[];
  matrix: { id: string; name: string; scope: string | null }[];
}

export function linksByPerson(people: readonly { id: string; lines: readonly ApiLine[] }[]): Map<string, PersonLinks> {
  const result = new Map<string, PersonLinks>(people.map((p) => [p.id, { reportsTo: [], coachedBy: [], matrix: [] }]));
  const seen = new Set<string>();
  for (const line of people.flatMap((p) => p.lines)) {
    if (seen.has(line.id)) continue;
    seen.add(line.id);
    const links = result.get(line.from.id);
    if (!links) continue;
    if (line.kind === 'REPORTS_TO') links.reportsTo.push(line.to);
    else if (line.kind === 'COACHES') links.coachedBy.push(line.to);
    else links.matrix.push({ ...line.to, scope: line.scope });
  }
  return result;
}
