import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { TeamsDocument, type TeamsQuery } from '@/graphql/generated';
import { useQuery, type QueryOptions } from './use-graphql';

export type TeamSummary = TeamsQuery['teams'][number];
export type TeamMemberSummary = TeamSummary['members'][number];

/** The teams visible to the signed-in user, with their lead, coach and members. */
export function useTeams(options?: QueryOptions) {
  return useQuery(TeamsDocument, undefined, options);
}

export interface PickablePerson {
  id: string;
  name: string;
  teamId: string;
  teamName: string;
}

/**
 * The people a lead, coach or director may pick on the KPI and coaching pages: the reps and
 * leads of the teams they see, each once (with the first team they are found in), by name.
 * Nothing is loaded when `enabled` is false (a rep sees their own page only).
 */
export function usePickablePeople(enabled: boolean) {
  const { locale } = useI18n();
  const teams = enabled ? useTeams() : null;
  const people = computed<PickablePerson[]>(() => {
    const seen = new Map<string, PickablePerson>();
    for (const team of teams?.data.value?.teams ?? []) {
      for (const m of team.members) if ((m.role === 'SALES' || m.role === 'LEAD') && !seen.has(m.id)) seen.set(m.id, { id: m.id, name: m.name, teamId: team.id, teamName: team.name });
    }
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, locale.value));
  });
  return { people, teams };
}
