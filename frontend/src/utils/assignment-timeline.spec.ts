import { describe, expect, it } from 'vitest';
import type { AssignmentEntryFragment } from '@/graphql/generated';
import { formatMoment, timelineItems } from './assignment-timeline';

const ivan = { id: 'm-ivan', name: 'Иван Петров' };
const olga = { id: 'm-olga', name: 'Ольга Лебедева' };

const record = (extra: Partial<AssignmentEntryFragment>): AssignmentEntryFragment => ({
  id: 'r',
  kind: 'ROUTING',
  fromStage: null,
  toStage: null,
  ruleName: null,
  criteria: null,
  reasons: [],
  actorName: null,
  at: '2026-03-12T11:05:00.000Z',
  from: null,
  to: null,
  ...extra,
});

describe('owner timeline', () => {
  it('turns the records into items, newest first as given', () => {
    const items = timelineItems(
      [
        record({ id: 'r3', kind: 'REASSIGN', from: ivan, to: olga, fromStage: 'ACTIVE', toStage: 'ACTIVE', reasons: ['client asked', ' '], actorName: 'Андрей Соколов' }),
        record({
          id: 'r2',
          kind: 'HANDOFF',
          from: ivan,
          to: ivan,
          fromStage: 'PROSPECT',
          toStage: 'ACTIVE',
          ruleName: 'Охотник → фермер',
          criteria: '{"orders":2}',
          reasons: ['handoff rule fired'],
        }),
        record({ id: 'r1', kind: 'ROUTING', to: ivan, toStage: 'PROSPECT', ruleName: 'Дилеры: Москва и Центр', reasons: ['rule 7 matched', 'Иван Петров chosen: named by the rule'] }),
      ],
      'en',
    );
    expect(items.map((i) => i.id)).toEqual(['r3', 'r2', 'r1']);

    const [reassign, handoff, routing] = items;
    expect(reassign).toMatchObject({ kind: 'REASSIGN', from: 'Иван Петров', to: 'Ольга Лебедева', ownerChanged: true, stageChange: null, actor: 'Андрей Соколов' });
    expect(reassign?.reasons).toEqual(['client asked']);

    expect(handoff).toMatchObject({ ownerChanged: false, stageChange: { from: 'PROSPECT', to: 'ACTIVE' }, ruleName: 'Охотник → фермер', actor: null });
    expect(handoff?.criteria).toEqual([{ key: 'criteriaValues.orders', named: { value: '2', count: 2 } }]);

    expect(routing).toMatchObject({ from: null, to: 'Иван Петров', ownerChanged: true, stageChange: { from: null, to: 'PROSPECT' }, actor: null });
    expect(routing?.reasons).toHaveLength(2);
  });

  it('treats an empty actor name as the system', () => {
    expect(timelineItems([record({ actorName: '  ' })], 'en')[0]?.actor).toBeNull();
  });

  it('writes moments in the viewer’s language', () => {
    expect(formatMoment('2026-03-12T11:05:00.000Z', 'en', 'UTC')).toBe('Mar 12, 2026, 11:05 AM');
    expect(formatMoment('2026-03-12T11:05:00.000Z', 'ru', 'UTC')).toBe('12 мар. 2026 г., 11:05');
    expect(formatMoment('yesterday', 'en')).toBe('yesterday');
  });
});
