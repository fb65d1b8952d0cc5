import { STAGE_ROLES, type StageRole } from '@salescircle/shared';
import type { Message } from './handoff-criteria';
import type { RoutingStepKey } from './routing-simulator';

export type ReasonKey = RoutingStepKey | 'routing.step.handoffFired';

const stageRoleOf = (code: string): StageRole | null => ((STAGE_ROLES as readonly string[]).includes(code) ? (code as StageRole) : null);

type Rule = [RegExp, (m: RegExpExecArray, stageRole: (role: StageRole | null) => string) => Message<ReasonKey>];

/** The sentences the server stores with an assignment (describeRoutingSteps and the handoff line), as messages. */
const RULES: Rule[] = [
  [/^rule (\d+) "(.+)" did not match \((.*)\)$/, (m) => ({ key: 'routing.step.notMatched', named: { position: Number(m[1]), rule: m[2] ?? '', failed: m[3] ?? '' } })],
  [/^rule (\d+) "(.+)" matched \(no conditions\)$/, (m) => ({ key: 'routing.step.matchedAll', named: { position: Number(m[1]), rule: m[2] ?? '' } })],
  [/^rule (\d+) "(.+)" matched (.+)$/, (m) => ({ key: 'routing.step.matched', named: { position: Number(m[1]), rule: m[2] ?? '', matched: m[3] ?? '' } })],
  [/^(.+) skipped: inactive$/, (m) => ({ key: 'routing.step.skipped.INACTIVE', named: { name: m[1] ?? '' } })],
  [/^(.+) skipped: group paused$/, (m) => ({ key: 'routing.step.skipped.PAUSED', named: { name: m[1] ?? '' } })],
  [/^(.+) skipped: absent \(vacation or sick leave\)$/, (m) => ({ key: 'routing.step.skipped.ABSENT', named: { name: m[1] ?? '' } })],
  [/^(.+) skipped: off shift now$/, (m) => ({ key: 'routing.step.skipped.OFF_SHIFT', named: { name: m[1] ?? '' } })],
  [/^(.+) skipped: at capacity (\d+\/\d+)$/, (m) => ({ key: 'routing.step.skipped.AT_CAPACITY', named: { name: m[1] ?? '', detail: m[2] ?? '' } })],
  [
    /^(.+) skipped: serves category (\d+), client is category (\d+)$/,
    (m) => ({ key: 'routing.step.skipped.NOT_IN_CATEGORY', named: { name: m[1] ?? '', has: m[2] ?? '', needs: m[3] ?? '' } }),
  ],
  [
    /^(.+) skipped: serves (\S+(?: \S+)*), client needs (\S+)$/,
    (m, name) => ({ key: 'routing.step.skipped.NOT_IN_MATRIX_CELL', named: { name: m[1] ?? '', has: name(stageRoleOf(m[2] ?? '')), needs: name(stageRoleOf(m[3] ?? '')) } }),
  ],
  [/^(.+) skipped: no longer in the organization$/, (m) => ({ key: 'routing.step.skipped.UNKNOWN_MEMBER', named: { name: m[1] ?? '' } })],
  [/^(.+) chosen: named by the rule$/, (m) => ({ key: 'routing.step.chosen.NAMED', named: { name: m[1] ?? '' } })],
  [/^(.+) chosen: next in turn$/, (m) => ({ key: 'routing.step.chosen.ROUND_ROBIN', named: { name: m[1] ?? '' } })],
  [/^(.+) chosen: least loaded (\d+\/\d+)$/, (m) => ({ key: 'routing.step.chosen.LEAST_LOADED', named: { name: m[1] ?? '', detail: m[2] ?? '' } })],
  [/^(.+) chosen: smallest portfolio potential/, (m) => ({ key: 'routing.step.chosen.BALANCED_POTENTIAL', named: { name: m[1] ?? '' } })],
  [/^rule "(.+)": nobody eligible, trying the next rule$/, (m) => ({ key: 'routing.step.noOne', named: { rule: m[1] ?? '' } })],
  [/^no rule found anyone: fallback to (.+)$/, (m) => ({ key: 'routing.step.fallback', named: { name: m[1] ?? '' } })],
  [/^no rule found anyone and there is no fallback/, () => ({ key: 'routing.step.unassigned', named: {} })],
  [/^handoff rule "(.+)" fired: (.*)$/, (m) => ({ key: 'routing.step.handoffFired', named: { rule: m[1] ?? '', values: m[2] ?? '' } })],
];

/**
 * A reason the server recorded, as a message in the viewer's language when it is one of the
 * routing or handoff sentences; null for anything else (a person's own words, say), shown as written.
 */
export function reasonMessage(reason: string, stageRole: (role: StageRole | null) => string): Message<ReasonKey> | null {
  const text = reason.trim();
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(text);
    if (match) return build(match, stageRole);
  }
  return null;
}
