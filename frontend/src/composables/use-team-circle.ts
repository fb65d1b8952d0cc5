import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { SetTeamPausedDocument, TeamCircleDocument, type CirclePersonFragment } from '@/graphql/generated';
import { buildCircleLines, linksByPerson } from '@/utils/circle-lines';
import { layoutCircle, ringOrder } from '@/utils/circle-layout';
import { useMutation, useQuery } from './use-graphql';

export type CirclePerson = CirclePersonFragment;

/** One team drawn as a circle: the people, their places, the lines between them, and pausing the group. */
export function useTeamCircle(teamId: MaybeRefOrGetter<string>, locale: MaybeRefOrGetter<string> = 'ru') {
  const query = useQuery(TeamCircleDocument, () => ({ id: toValue(teamId) }));
  const pause = useMutation(SetTeamPausedDocument);

  const team = computed(() => query.data.value?.team ?? null);
  /** Everyone drawn, each once: director, lead, coach and the ring. */
  const people = computed<CirclePerson[]>(() => {
    const t = team.value;
    if (!t) return [];
    const all = [t.director, t.lead, t.coach, ...t.members].filter((p): p is CirclePerson => p !== null);
    return [...new Map(all.map((p) => [p.id, p])).values()];
  });
  const layout = computed(() => {
    const t = team.value;
    if (!t) return null;
    return layoutCircle({ director: t.director, lead: t.lead, coach: t.coach, members: ringOrder(t.members, toValue(locale)) });
  });
  const lines = computed(() => buildCircleLines(people.value, team.value?.coach?.id ?? null));
  const links = computed(() => linksByPerson(people.value));

  async function setPaused(paused: boolean): Promise<void> {
    const t = team.value;
    if (!t) return;
    await pause.mutate({ teamId: t.id, paused });
    // Availability of everyone in the group changes with it.
    await query.refetch();
  }

  return { ...query, team, people, layout, lines, links, setPaused, pausing: pause.loading, pauseError: pause.error };
}
