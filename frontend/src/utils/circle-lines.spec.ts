import { describe, expect, it } from 'vitest';
import { buildCircleLines, linksByPerson, type ApiLine } from './circle-lines';

const who = (id: string) => ({ id, name: id.toUpperCase() });
const line = (id: string, kind: ApiLine['kind'], from: string, to: string, scope: string | null = null): ApiLine => ({
  id,
  kind,
  scope,
  from: who(from),
  to: who(to),
});

// Each person's `lines` hold the lines from and to them, as the API gives them.
const lines = {
  reportsLead: line('l1', 'REPORTS_TO', 'rep', 'lead'),
  reportsDirector: line('l2', 'REPORTS_TO', 'lead', 'director'),
  coachRep: line('l3', 'COACHES', 'rep', 'coach'),
  coachLead: line('l4', 'COACHES', 'lead', 'coach'),
  matrixInside: line('l5', 'MATRIX', 'rep', 'pm', 'Сетевое оборудование'),
  matrixOutside: line('l6', 'MATRIX', 'rep2', 'outsider', 'Серверы'),
  otherTeam: line('l7', 'REPORTS_TO', 'lead-b', 'director'),
  peerCoaching: line('l8', 'COACHES', 'rep2', 'lead'),
};

const people = [
  { id: 'director', lines: [lines.reportsDirector, lines.otherTeam] },
  { id: 'lead', lines: [lines.reportsLead, lines.reportsDirector, lines.coachLead, lines.peerCoaching] },
  { id: 'coach', lines: [lines.coachRep, lines.coachLead] },
  { id: 'rep', lines: [lines.reportsLead, lines.coachRep, lines.matrixInside] },
  { id: 'rep2', lines: [lines.matrixOutside, lines.peerCoaching] },
  { id: 'pm', lines: [lines.matrixInside] },
];

describe('buildCircleLines', () => {
  const result = buildCircleLines(people, 'coach');

  it('draws each REPORTS_TO and MATRIX line between people in the circle once', () => {
    expect(result.edges.map((e) => `${e.kind} ${e.fromId}→${e.toId}`)).toEqual([
      'MATRIX rep→pm',
      'REPORTS_TO lead→director',
      'REPORTS_TO rep→lead',
    ]);
    expect(result.edges.find((e) => e.kind === 'MATRIX')?.scope).toBe('Сетевое оборудование');
  });

  it("sums up the coaching by the team's coach, and keeps other coaching apart", () => {
    expect(result.coached.map((e) => e.fromId).sort()).toEqual(['lead', 'rep']);
    expect(result.otherCoaching.map((e) => e.id)).toEqual(['l8']);
  });

  it('lists lines to people outside the circle, and leaves out lines of people outside it', () => {
    expect(result.outside).toEqual([{ id: 'l6', kind: 'MATRIX', scope: 'Серверы', from: who('rep2'), to: who('outsider') }]);
    expect([...result.edges, ...result.coached, ...result.otherCoaching].some((e) => e.id === 'l7')).toBe(false);
  });

  it('treats all coaching as other coaching when the team has no coach', () => {
    const noCoach = buildCircleLines(people, null);
    expect(noCoach.coached).toEqual([]);
    expect(noCoach.otherCoaching.map((e) => e.id).sort()).toEqual(['l3', 'l4', 'l8']);
  });

  it('ignores a line to oneself', () => {
    expect(buildCircleLines([{ id: 'a', lines: [line('x', 'REPORTS_TO', 'a', 'a')] }], null).edges).toEqual([]);
  });
});

describe('linksByPerson', () => {
  it("gives each person their managers, coaches and matrix managers (only their own lines' far ends)", () => {
    const links = linksByPerson(people);
    expect(links.get('rep')).toEqual({
      reportsTo: [who('lead')],
      coachedBy: [who('coach')],
      matrix: [{ ...who('pm'), scope: 'Сетевое оборудование' }],
    });
    expect(links.get('lead')?.reportsTo).toEqual([who('director')]);
    expect(links.get('rep2')?.matrix).toEqual([{ ...who('outsider'), scope: 'Серверы' }]);
    expect(links.get('director')).toEqual({ reportsTo: [], coachedBy: [], matrix: [] });
    expect(links.has('lead-b')).toBe(false);
  });
});
