import { addDays } from '@salescircle/shared';
import { sprintDays } from './sprint-timeline';

/**
 * The next sprint as the form proposes it: two weeks from the day after the team's latest
 * sprint (or from today), named after the last one's number when it has one.
 */
export function nextSprintDraft(sprints: readonly { name: string; endsOn: string }[], today: string): { name: string; startsOn: string; endsOn: string } {
  const latest = [...sprints].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  const startsOn = latest && latest.endsOn >= today ? addDays(latest.endsOn, 1) : today;
  const number = latest ? /(\d+)\s*$/.exec(latest.name) : null;
  const name = latest && number ? latest.name.replace(/(\d+)\s*$/, String(Number(number[1]) + 1)) : '';
  return { name, startsOn, endsOn: addDays(startsOn, 13) };
}

/** Whether a sprint's dates are valid: the last day on or after the first, at most `maxDays` long. */
export function validSprintDates(startsOn: string, endsOn: string, maxDays: number): boolean {
  const days = sprintDays(startsOn, endsOn).length;
  return days > 0 && days <= maxDays + 1;
}
