import type { Role, StageRole } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import {
  CIRCLE_GEOMETRY,
  boxesOverlap,
  edgePath,
  initials,
  layoutCircle,
  nameLines,
  ringAngles,
  ringLabel,
  ringOrder,
  ringStyle,
  COMPACT_FROM,
  type CircleLayout,
} from './circle-layout';

interface Person {
  id: string;
  name: string;
  role: Role;
  stageRole: StageRole | null;
  category: number | null;
}

const person = (id: string, role: Role = 'SALES', extra: Partial<Person> = {}): Person => ({
  id,
  name: `Person ${id}`,
  role,
  stageRole: role === 'SALES' ? 'FARMER' : null,
  category: role === 'SALES' ? 2 : null,
  ...extra,
});

function team(reps: number, seats: { director?: boolean; lead?: boolean; coach?: boolean } = {}) {
  const { director = true, lead = true, coach = true } = seats;
  const leadPerson = lead ? person('lead', 'LEAD') : null;
  const coachPerson = coach ? person('coach', 'COACH') : null;
  return {
    director: director ? person('director', 'DIRECTOR') : null,
    lead: leadPerson,
    coach: coachPerson,
    // The API lists the lead and the coach among the members too.
    members: [...(leadPerson ? [leadPerson] : []), ...(coachPerson ? [coachPerson] : []), ...Array.from({ length: reps }, (_, i) => person(`r${i}`))],
  };
}

function overlaps(layout: CircleLayout<Person>): string[] {
  const found: string[] = [];
  layout.nodes.forEach((a, i) => {
    layout.nodes.slice(i + 1).forEach((b) => {
      for (const boxA of a.boxes) for (const boxB of b.boxes) if (boxesOverlap(boxA, boxB)) found.push(`${a.person.id} × ${b.person.id}`);
    });
  });
  return [...new Set(found)];
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('layoutCircle', () => {
  it('puts the director above the ring, the lead at its top, the coach outside it to the right', () => {
    const layout = layoutCircle(team(7));
    const byPlace = (place: string) => layout.nodes.filter((n) => n.place === place);
    const [director] = byPlace('DIRECTOR');
    const [lead] = byPlace('LEAD');
    const [coach] = byPlace('COACH');
    expect(byPlace('RING')).toHaveLength(7);
    expect(lead.x).toBeCloseTo(layout.center.x, 0);
    expect(lead.y).toBeCloseTo(layout.center.y - layout.radius, 0);
    expect(director.x).toBeCloseTo(lead.x, 0);
    expect(director.y).toBeLessThan(lead.y - CIRCLE_GEOMETRY.nodeRadius * 4);
    expect(distance(coach, layout.center)).toBeGreaterThan(layout.radius + CIRCLE_GEOMETRY.nodeRadius * 4);
    expect(coach.x).toBeGreaterThan(layout.center.x + layout.radius);
    for (const rep of byPlace('RING')) expect(distance(rep, layout.center)).toBeCloseTo(layout.radius, 0);
  });

  it('leaves the lead, the director and the coach out of the ring even when the API lists them as members', () => {
    const layout = layoutCircle(team(3));
    expect(layout.nodes.map((n) => n.person.id).sort()).toEqual(['coach', 'director', 'lead', 'r0', 'r1', 'r2']);
  });

  it('keeps every avatar and label clear of every other one, from 4 to 30 people, with and without a lead', () => {
    for (let size = 4; size <= 30; size++) {
      for (const seats of [{}, { lead: false }, { coach: false, director: false }]) {
        const layout = layoutCircle(team(Math.max(0, size - 3), seats));
        expect(overlaps(layout), `${size} people ${JSON.stringify(seats)}`).toEqual([]);
      }
    }
  });

  it('spreads the ring evenly after the lead, clockwise, and keeps neighbours the same distance apart', () => {
    const layout = layoutCircle(team(12));
    const ring = layout.nodes.filter((n) => n.place === 'RING');
    const gaps = ring.slice(1).map((node, i) => distance(node, ring[i]));
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0], 0);
    expect(gaps[0]).toBeGreaterThanOrEqual(ringStyle(12).spacing * 0.95);
    // Clockwise from the top: the first rep is right of the lead, the last one left of it.
    expect(ring[0].x).toBeGreaterThan(layout.center.x);
    expect(ring[ring.length - 1].x).toBeLessThan(layout.center.x);
  });

  it('grows the ring with the team and fits everything in the view box', () => {
    const small = layoutCircle(team(1));
    const large = layoutCircle(team(27));
    expect(small.radius).toBe(CIRCLE_GEOMETRY.minRadius);
    expect(large.radius).toBeGreaterThan(small.radius * 2);
    for (const layout of [small, large]) {
      for (const box of layout.nodes.flatMap((n) => n.boxes)) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
        expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
      }
    }
  });

  it('meets the ring between two people with the coach line', () => {
    const layout = layoutCircle(team(8));
    const anchor = layout.coachAnchor;
    expect(anchor).not.toBeNull();
    expect(distance(anchor!, layout.center)).toBeCloseTo(layout.radius, 0);
    for (const node of layout.nodes.filter((n) => n.place === 'RING' || n.place === 'LEAD')) {
      expect(distance(anchor!, node)).toBeGreaterThan(CIRCLE_GEOMETRY.nodeRadius * 2);
    }
    expect(layoutCircle(team(8, { coach: false })).coachAnchor).toBeNull();
  });

  it("runs the coach's line straight out between the texts of the people on the right, from 4 to 30 people", () => {
    for (let size = 4; size <= 30; size++) {
      for (const seats of [{}, { lead: false }]) {
        const layout = layoutCircle(team(size - 3, seats));
        const anchor = layout.coachAnchor!;
        const coach = layout.nodes.find((n) => n.place === 'COACH')!;
        expect(coach.y, `${size}`).toBeCloseTo(anchor.y, 5);
        const crossed = layout.nodes
          .filter((n) => n.place !== 'COACH')
          .filter((n) => n.boxes.some((b) => b.y < anchor.y && anchor.y < b.y + b.height && b.x + b.width > anchor.x + 1 && b.x < coach.x));
        expect(crossed.map((n) => n.person.id), `${size} people ${JSON.stringify(seats)}`).toEqual([]);
      }
    }
  });

  it('draws an empty team as an empty ring', () => {
    const layout = layoutCircle({ director: null, lead: null, coach: null, members: [] });
    expect(layout.nodes).toEqual([]);
    expect(layout.width).toBeGreaterThan(0);
  });
});

describe('boxesOverlap', () => {
  it('sees overlapping boxes and lets touching ones be', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(boxesOverlap(a, { x: 9, y: 9, width: 5, height: 5 })).toBe(true);
    expect(boxesOverlap(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(false);
    expect(boxesOverlap(a, { x: 2, y: 2, width: 2, height: 2 })).toBe(true);
  });
});

describe('ring labels and angles', () => {
  it('puts text beside people on the sides, over the top and under the bottom', () => {
    expect(ringLabel(Math.PI / 2).side).toBe('right');
    expect(ringLabel(-Math.PI / 2).side).toBe('left');
    expect(ringLabel(Math.PI).side).toBe('below');
    expect(ringLabel(0.1).side).toBe('above');
  });

  it('puts the capacity beside the badge for people on the sides of big circles', () => {
    expect(ringLabel(Math.PI / 2, ringStyle(COMPACT_FROM - 1)).capacity).toBe('line');
    expect(ringLabel(Math.PI / 2, ringStyle(COMPACT_FROM)).capacity).toBe('inline');
    expect(ringLabel(Math.PI, ringStyle(COMPACT_FROM)).capacity).toBe('line');
    const big = layoutCircle(team(COMPACT_FROM + 2));
    expect(big.nodes.filter((n) => n.place === 'RING').every((n) => n.label.capacity !== 'none')).toBe(true);
    expect(big.nodes.filter((n) => n.place !== 'RING').every((n) => n.label.capacity === 'none')).toBe(true);
  });

  it('gives the lead room either side so its neighbours keep their text beside them', () => {
    const { lead, others } = ringAngles(20, true);
    expect(lead).toBe(0);
    expect(ringLabel(others[0]).side).toBe('right');
    expect(ringLabel(others[others.length - 1]).side).toBe('left');
    expect(ringAngles(1, true).others).toEqual([Math.PI]);
    expect(ringAngles(4, false).others).toEqual([0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2]);
  });
});

describe('ringOrder', () => {
  it('orders other leaders first, then reps by stage, category and name, unplaced reps last', () => {
    const people = [
      person('a', 'SALES', { name: 'Я', stageRole: null, category: null }),
      person('b', 'SALES', { name: 'Б', stageRole: 'FARMER', category: 3 }),
      person('c', 'SALES', { name: 'А', stageRole: 'FARMER', category: 3 }),
      person('d', 'SALES', { name: 'В', stageRole: 'PROSPECTOR', category: 3 }),
      person('e', 'SALES', { name: 'Г', stageRole: 'FARMER', category: 1 }),
      person('f', 'LEAD', { name: 'Ж' }),
    ];
    expect(ringOrder(people).map((p) => p.id)).toEqual(['f', 'd', 'e', 'c', 'b', 'a']);
  });
});

describe('edgePath', () => {
  it('trims a straight line at both avatars', () => {
    expect(edgePath({ x: 0, y: 0 }, { x: 100, y: 0 }, { trimStart: 10, trimEnd: 20 })).toBe('M10 0L80 0');
  });

  it('bends a line toward a point with a quadratic curve', () => {
    const d = edgePath({ x: 0, y: 0 }, { x: 100, y: 0 }, { trimStart: 0, trimEnd: 0, bendToward: { x: 50, y: 100 }, bend: 0.5 });
    expect(d).toBe('M0 0Q50 50 100 0');
  });

  it('copes with two people at the same point', () => {
    expect(edgePath({ x: 5, y: 5 }, { x: 5, y: 5 }, { trimStart: 3, trimEnd: 3 })).toBe('M5 5L5 5');
  });
});

describe('names on avatars', () => {
  it('takes the first letters of the first two words', () => {
    expect(initials('Ольга Лебедева')).toBe('ОЛ');
    expect(initials('  anna  maria  smith ')).toBe('AM');
    expect(initials('Cher')).toBe('C');
    expect(initials('')).toBe('');
  });

  it('breaks long names in two near the middle and cuts what still does not fit', () => {
    expect(nameLines('Иван Петров')).toEqual(['Иван Петров']);
    expect(nameLines('Наталья Александровна Васильева', 16)).toEqual(['Наталья Алексан…', 'Васильева']);
    expect(nameLines('Константинопольский', 10)).toEqual(['Константи…']);
  });
});
