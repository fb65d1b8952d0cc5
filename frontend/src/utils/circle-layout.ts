import { STAGE_ROLES, type Role, type StageRole } from '@salescircle/shared';

/**
 * Geometry of the team circle (DOMAIN.md, "The circular team"): the director above the
 * circle, the lead at the top of the ring, the others evenly round it, the coach beside
 * it. Pure numbers in SVG user units; the SVG scales through its viewBox.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type CirclePlace = 'DIRECTOR' | 'LEAD' | 'RING' | 'COACH';

/** Where a node's text goes, seen from its avatar. */
export type LabelSide = 'right' | 'left' | 'above' | 'below';

/** The text block of a node, relative to the avatar's centre. */
export interface NodeLabel {
  side: LabelSide;
  /** How the lines of text align in the block. */
  anchor: 'start' | 'middle' | 'end';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Lines the name may take (long names break in two under or over an avatar). */
  nameLines: 1 | 2;
  /** Where a rep's capacity goes: a line of its own, beside the badge (big circles), or nowhere (heads). */
  capacity: CapacityPlace;
}

export type CapacityPlace = 'line' | 'inline' | 'none';

export interface CircleNode<T> {
  person: T;
  place: CirclePlace;
  x: number;
  y: number;
  label: NodeLabel;
  /** The avatar and its label block, absolute: what must not overlap another node's. */
  boxes: Box[];
}

export interface CircleLayout<T> {
  width: number;
  height: number;
  center: Point;
  radius: number;
  nodes: CircleNode<T>[];
  /** Where the coach's line meets the ring (between two people), when there is a coach. */
  coachAnchor: Point | null;
}

/** How people on the ring are labelled: in full, or tighter for big circles (capacity beside the badge). */
export interface RingStyle {
  /** Arc length between two neighbours on the ring: room for their labels. */
  spacing: number;
  /** People whose |sin(angle)| is at least this have their text beside them, the others over or under. */
  sideThreshold: number;
  /** Text block beside an avatar (name in one line, badge[, capacity]). */
  sideLabel: { width: number; height: number };
  /** Text block over or under an avatar (name in up to two lines, badge[, capacity]). */
  stackLabel: { width: number; height: number };
  /** Capacity of people with their text beside them (over or under an avatar it always has a line). */
  sideCapacity: CapacityPlace;
}

const FULL: RingStyle = { spacing: 140, sideThreshold: 0.4, sideLabel: { width: 152, height: 50 }, stackLabel: { width: 126, height: 66 }, sideCapacity: 'line' };
/** From this many people on the ring their labels get tighter to keep the circle small. */
export const COMPACT_FROM = 14;
const COMPACT: RingStyle = { spacing: 122, sideThreshold: 0.36, sideLabel: { width: 150, height: 36 }, stackLabel: { width: 114, height: 63 }, sideCapacity: 'inline' };

export function ringStyle(count: number): RingStyle {
  return count >= COMPACT_FROM ? COMPACT : FULL;
}

export const CIRCLE_GEOMETRY = {
  /** Radius of a person's avatar. */
  nodeRadius: 22,
  /** Gap between an avatar and its text. */
  labelGap: 7,
  minRadius: 170,
  /** Text block of the director and the lead (name, badge). */
  headLabel: { width: 176, height: 36 },
  /** Text block of the coach (name in up to two lines, badge). */
  coachLabel: { width: 126, height: 49 },
  /** From the top of the ring up to the director. */
  directorGap: 150,
  margin: 16,
} as const;

/** Line heights of a label block, shared with CircleNode.vue. */
export const LABEL_LINES = { name: 15, badge: 16, capacity: 14, gap: 3 } as const;

export interface CircleTeam<T extends { id: string }> {
  director: T | null;
  lead: T | null;
  coach: T | null;
  /** Everyone else in the team (the director, lead and coach are left out if listed). */
  members: readonly T[];
}

const ROLE_RANK: Record<Role, number> = { LEAD: 0, DIRECTOR: 1, COACH: 2, SALES: 3 };

/**
 * Order round the ring, clockwise from the lead: other leaders first, then reps by stage
 * (prospector → key account), category and name; reps not placed in the matrix last.
 */
export function ringOrder<T extends { name: string; role: Role; stageRole: StageRole | null; category: number | null }>(
  people: readonly T[],
  locale = 'ru',
): T[] {
  const stageRank = (p: T) => (p.stageRole ? STAGE_ROLES.indexOf(p.stageRole) : STAGE_ROLES.length);
  return [...people].sort(
    (a, b) =>
      ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
      stageRank(a) - stageRank(b) ||
      (a.category ?? 9) - (b.category ?? 9) ||
      a.name.localeCompare(b.name, locale),
  );
}

/** The label block of someone on the ring at `angle` (radians, clockwise from the top). */
export function ringLabel(angle: number, style: RingStyle = FULL): NodeLabel {
  const g = CIRCLE_GEOMETRY;
  const r = g.nodeRadius + g.labelGap;
  const sin = Math.sin(angle);
  if (Math.abs(sin) >= style.sideThreshold) {
    const capacity = style.sideCapacity;
    const { width, height } = style.sideLabel;
    return sin > 0
      ? { side: 'right', anchor: 'start', x: r, y: -height / 2, width, height, nameLines: 1, capacity }
      : { side: 'left', anchor: 'end', x: -r - width, y: -height / 2, width, height, nameLines: 1, capacity };
  }
  const { width, height } = style.stackLabel;
  const capacity = 'line';
  return Math.cos(angle) > 0
    ? { side: 'above', anchor: 'middle', x: -width / 2, y: -r - height, width, height, nameLines: 2, capacity }
    : { side: 'below', anchor: 'middle', x: -width / 2, y: r, width, height, nameLines: 2, capacity };
}

function headLabel(lifted: boolean): NodeLabel {
  const g = CIRCLE_GEOMETRY;
  const { width, height } = g.headLabel;
  // The lead's text sits above the ring's top, clear of the people next to the lead.
  const y = lifted ? -g.nodeRadius - height + 10 : -height / 2;
  return { side: 'right', anchor: 'start', x: g.nodeRadius + g.labelGap, y, width, height, nameLines: 1, capacity: 'none' };
}

function coachLabel(): NodeLabel {
  const g = CIRCLE_GEOMETRY;
  const { width, height } = g.coachLabel;
  return { side: 'below', anchor: 'middle', x: -width / 2, y: g.nodeRadius + g.labelGap, width, height, nameLines: 2, capacity: 'none' };
}

function nodeBoxes(x: number, y: number, label: NodeLabel): Box[] {
  const r = CIRCLE_GEOMETRY.nodeRadius;
  return [
    { x: x - r, y: y - r, width: r * 2, height: r * 2 },
    { x: x + label.x, y: y + label.y, width: label.width, height: label.height },
  ];
}

/** The angles of the ring's people: the lead at the top with room either side, the others evenly after it. */
export function ringAngles(count: number, withLead: boolean, style: RingStyle = ringStyle(count)): { lead: number | null; others: number[] } {
  if (!withLead) return { lead: null, others: Array.from({ length: count }, (_, i) => (2 * Math.PI * i) / count) };
  if (count === 0) return { lead: 0, others: [] };
  const even = (2 * Math.PI) / (count + 1);
  // The lead's neighbours keep their text beside them, below the lead's own text.
  const first = Math.max(even, Math.asin(style.sideThreshold) + 0.06);
  const step = count > 1 ? (2 * Math.PI - 2 * first) / (count - 1) : 0;
  return { lead: 0, others: Array.from({ length: count }, (_, i) => (count === 1 ? Math.PI : first + i * step)) };
}

/** The radius that keeps neighbours on the ring at least `spacing` apart along it. */
export function ringRadius(angles: readonly number[], spacing: number): number {
  const g = CIRCLE_GEOMETRY;
  const sorted = [...angles].sort((a, b) => a - b);
  let smallest = 2 * Math.PI;
  sorted.forEach((angle, i) => {
    const next = i + 1 < sorted.length ? sorted[i + 1] : sorted[0] + 2 * Math.PI;
    if (sorted.length > 1) smallest = Math.min(smallest, next - angle);
  });
  return Math.max(g.minRadius, spacing / smallest);
}

/**
 * Places a team: the lead at the top of the ring and the members (in the order given, see
 * ringOrder) clockwise after it, the director above, the coach to the right outside the
 * ring. Then shifts everything so the drawing starts at the margin.
 */
export function layoutCircle<T extends { id: string }>(team: CircleTeam<T>): CircleLayout<T> {
  const g = CIRCLE_GEOMETRY;
  const seated = new Set([team.director?.id, team.lead?.id, team.coach?.id].filter((id): id is string => !!id));
  const seen = new Set<string>();
  const ring = team.members.filter((m) => {
    if (seated.has(m.id) || seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
  const style = ringStyle(ring.length);
  const angles = ringAngles(ring.length, !!team.lead, style);
  const all = angles.lead === null ? angles.others : [angles.lead, ...angles.others];
  const radius = ringRadius(all, style.spacing);
  // Work round (0, 0), shift at the end.
  const at = (angle: number, r = radius): Point => ({ x: r * Math.sin(angle), y: -r * Math.cos(angle) });

  const nodes: CircleNode<T>[] = [];
  const place = (person: T, placeKind: CirclePlace, point: Point, label: NodeLabel) =>
    nodes.push({ person, place: placeKind, x: point.x, y: point.y, label, boxes: nodeBoxes(point.x, point.y, label) });

  if (team.director) place(team.director, 'DIRECTOR', { x: 0, y: -radius - g.directorGap }, headLabel(false));
  if (team.lead) place(team.lead, 'LEAD', at(0), headLabel(true));
  ring.forEach((person, i) => {
    const angle = angles.others[i] ?? 0;
    place(person, 'RING', at(angle), ringLabel(angle, style));
  });

  let coachAnchor: Point | null = null;
  if (team.coach) {
    // The coach's line meets the ring halfway between two people on its right side and runs
    // straight out to the coach, through the gap between those two people's text.
    const around = [...all].sort((a, b) => a - b);
    const middles = around.length > 0 ? around.map((a, i) => (a + (i + 1 < around.length ? around[i + 1] : around[0] + 2 * Math.PI)) / 2) : [Math.PI / 2];
    const target = (65 * Math.PI) / 180;
    const between = middles.reduce((best, m) => (Math.abs(m - target) < Math.abs(best - target) ? m : best), middles[0]);
    coachAnchor = at(between);
    const coach = { x: radius + g.nodeRadius + g.labelGap + style.sideLabel.width + 36 + g.coachLabel.width / 2, y: coachAnchor.y };
    place(team.coach, 'COACH', coach, coachLabel());
  }

  // Bounding box of everything, including the ring itself.
  let minX = -radius;
  let maxX = radius;
  let minY = -radius;
  let maxY = radius;
  for (const box of nodes.flatMap((node) => node.boxes)) {
    minX = Math.min(minX, box.x);
    maxX = Math.max(maxX, box.x + box.width);
    minY = Math.min(minY, box.y);
    maxY = Math.max(maxY, box.y + box.height);
  }
  const dx = g.margin - minX;
  const dy = g.margin - minY;
  const shift = (p: Point): Point => ({ x: round(p.x + dx), y: round(p.y + dy) });
  return {
    width: Math.ceil(maxX - minX + 2 * g.margin),
    height: Math.ceil(maxY - minY + 2 * g.margin),
    center: shift({ x: 0, y: 0 }),
    radius: round(radius),
    nodes: nodes.map((node) => {
      const p = shift(node);
      return { ...node, x: p.x, y: p.y, boxes: node.boxes.map((box) => ({ ...box, x: round(box.x + dx), y: round(box.y + dy) })) };
    }),
    coachAnchor: coachAnchor ? shift(coachAnchor) : null,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export interface EdgeOptions {
  /** Leave this much free at the start (the avatar it leaves). */
  trimStart: number;
  /** And at the end (the avatar it points to, plus the arrowhead). */
  trimEnd: number;
  /** Curve the edge toward this point (the ring's centre), by `bend` (0 straight … 1 through it). */
  bendToward?: Point;
  bend?: number;
}

function toward(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return from;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

const fixed = (value: number) => String(Math.round(value * 10) / 10);

/** SVG path data of a line between two avatars, straight or curved, trimmed at both ends. */
export function edgePath(from: Point, to: Point, options: EdgeOptions): string {
  const bend = options.bend ?? 0;
  if (options.bendToward && bend > 0) {
    const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    const control = { x: mid.x + (options.bendToward.x - mid.x) * bend, y: mid.y + (options.bendToward.y - mid.y) * bend };
    const start = toward(from, control, options.trimStart);
    const end = toward(to, control, options.trimEnd);
    return `M${fixed(start.x)} ${fixed(start.y)}Q${fixed(control.x)} ${fixed(control.y)} ${fixed(end.x)} ${fixed(end.y)}`;
  }
  const start = toward(from, to, options.trimStart);
  const end = toward(to, from, options.trimEnd);
  return `M${fixed(start.x)} ${fixed(start.y)}L${fixed(end.x)} ${fixed(end.y)}`;
}

/** Up to two letters for an avatar: the first letters of the first two words. */
export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toLocaleUpperCase())
    .join('');
}

/** The text, cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A name in one line, or two (split at the space nearest the middle), each cut to `max` characters. */
export function nameLines(name: string, max = 16): string[] {
  const clean = name.trim().replace(/\s+/g, ' ');
  const cut = (text: string) => truncate(text, max);
  if (clean.length <= max) return [clean];
  const spaces = [...clean.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return [cut(clean)];
  const middle = clean.length / 2;
  const split = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best), spaces[0]);
  return [cut(clean.slice(0, split)), cut(clean.slice(split + 1))];
}
