import { DomainError } from '../../common/errors/domain-error';

/** The refusals the analytics services share, each with its reason and the values its sentence names. */

export function periodEndsBeforeStart(from: string, to: string): DomainError {
  return DomainError.badInput('to', 'The period ends on or after it starts.', 'PERIOD_ENDS_BEFORE_START', { from, to });
}

export function periodMissing(): DomainError {
  return DomainError.badInput('from', 'Give a sprint, or the first and last day of the period.', 'PERIOD_MISSING');
}

/**
 * Targets name each metric once (a team's, only metrics of a team) and their weights add up
 * to 1; the first rule broken is thrown.
 */
export function checkTargets(targets: readonly { metric: string; weight: number }[], isAllowed?: (metric: string) => boolean): void {
  const metrics = targets.map((t) => t.metric);
  const twice = metrics.find((m, i) => metrics.indexOf(m) !== i);
  if (twice !== undefined) throw DomainError.badInput('targets', 'Each metric once.', 'DUPLICATE_METRIC', { metric: twice });
  const refused = isAllowed ? metrics.filter((m) => !isAllowed(m)) : [];
  if (refused.length) {
    throw DomainError.badInput(
      'targets',
      `Not a team metric: ${refused.join(', ')} (coachees' progress and the cross roles' product and region figures are a person's).`,
      'NOT_TEAM_METRIC',
      { metrics: refused.join(','), count: refused.length },
    );
  }
  const weights = targets.reduce((s, t) => s + t.weight, 0);
  if (Math.abs(weights - 1) > 0.001) {
    throw DomainError.badInput('targets', `The weights add up to ${weights.toFixed(2)}; they must add up to 1.`, 'WEIGHTS_NOT_ONE', { weightSum: Math.round(weights * 10_000) / 10_000 });
  }
}
