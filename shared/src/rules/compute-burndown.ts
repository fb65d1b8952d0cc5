/**
 * Sprint burndown: for each day of the sprint, the processes still open and the target
 * units still to do at the end of that day, against the ideal straight line from the scope
 * at the start to zero on the last day. Scope added or removed after the start moves the
 * actual line (and is listed in the scope-change log), not the ideal one.
 *
 * Dates are ISO calendar days (YYYY-MM-DD) in the organization's time zone.
 */
export interface BurndownProcess {
  /** The day it entered the sprint (before the start counts as the start). */
  addedOn: string;
  /** The day it left the sprint (removed or rolled over), if it did. */
  removedOn: string | null;
  /** The day it was done, if it is. */
  doneOn: string | null;
  /** The measurable target in units (0 when none). */
  target: number;
  /** Units counted per day: progress made on that day. */
  progress: readonly { on: string; units: number }[];
}

export interface BurndownDay {
  date: string;
  /** Null for days still to come. */
  remaining: number | null;
  remainingUnits: number | null;
  ideal: number;
  idealUnits: number;
}

export function sprintDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${endsOn}T00:00:00Z`);
  for (let t = Date.parse(`${startsOn}T00:00:00Z`); t <= end && days.length < 400; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

function inScope(p: BurndownProcess, day: string, startsOn: string): boolean {
  const added = p.addedOn < startsOn ? startsOn : p.addedOn;
  return added <= day && (p.removedOn === null || p.removedOn > day);
}

function unitsLeft(p: BurndownProcess, day: string): number {
  if (p.doneOn !== null && p.doneOn <= day) return 0;
  const done = p.progress.reduce((sum, x) => (x.on <= day ? sum + x.units : sum), 0);
  return Math.max(0, p.target - done);
}

export function computeBurndown(startsOn: string, endsOn: string, today: string, processes: readonly BurndownProcess[]): BurndownDay[] {
  const days = sprintDays(startsOn, endsOn);
  const atStart = processes.filter((p) => inScope(p, startsOn, startsOn));
  const startCount = atStart.length;
  const startUnits = atStart.reduce((sum, p) => sum + p.target, 0);
  const steps = Math.max(1, days.length - 1);
  return days.map((date, i) => {
    const ideal = Math.round((startCount * (1 - i / steps)) * 100) / 100;
    const idealUnits = Math.round(startUnits * (1 - i / steps) * 100) / 100;
    if (date > today) return { date, remaining: null, remainingUnits: null, ideal, idealUnits };
    const scope = processes.filter((p) => inScope(p, date, startsOn));
    const remaining = scope.filter((p) => p.doneOn === null || p.doneOn > date).length;
    const remainingUnits = Math.round(scope.reduce((sum, p) => sum + unitsLeft(p, date), 0) * 100) / 100;
    return { date, remaining, remainingUnits, ideal, idealUnits };
  });
}
