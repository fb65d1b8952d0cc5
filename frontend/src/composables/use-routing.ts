import { computed } from 'vue';
import {
  CreateRoutingRuleDocument,
  DeleteRoutingRuleDocument,
  RoutingCandidatesDocument,
  RoutingRulesDocument,
  UpdateRoutingRuleDocument,
  type RoutingRuleFieldsFragment,
  type RoutingRuleInput,
} from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { routingInputOf, toSharedRule } from '@/utils/routing-rules';
import { useQuery } from './use-graphql';

export type RoutingRuleView = RoutingRuleFieldsFragment;

/** The routing rules in order with their overlaps, the people they can name, and the edits (each reloads the list). */
export function useRoutingRules() {
  const client = useGraphQLClient();
  const query = useQuery(RoutingRulesDocument);
  const people = useQuery(RoutingCandidatesDocument);

  const rules = computed(() => [...(query.data.value?.routingRules.rules ?? [])].sort((a, b) => a.position - b.position));
  const overlaps = computed(() => query.data.value?.routingRules.overlaps ?? []);
  const sharedRules = computed(() => rules.value.map(toSharedRule));
  const members = computed(() => people.data.value?.members ?? []);

  async function save(id: string | null, input: RoutingRuleInput): Promise<void> {
    if (id) await client.request(UpdateRoutingRuleDocument, { id, input });
    else await client.request(CreateRoutingRuleDocument, { input });
    await query.refetch();
  }

  async function remove(id: string): Promise<void> {
    await client.request(DeleteRoutingRuleDocument, { id });
    await query.refetch();
  }

  /** Moves a rule one place up (-1) or down (+1). */
  async function move(rule: RoutingRuleView, delta: -1 | 1): Promise<void> {
    const position = rule.position + delta;
    if (position < 1 || position > rules.value.length) return;
    await save(rule.id, routingInputOf(rule, { position }));
  }

  async function setActive(rule: RoutingRuleView, active: boolean): Promise<void> {
    await save(rule.id, routingInputOf(rule, { active }));
  }

  return { ...query, people, rules, overlaps, sharedRules, members, save, remove, move, setActive };
}
