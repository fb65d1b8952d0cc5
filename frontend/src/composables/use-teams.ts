import { TeamsDocument, type TeamsQuery } from '@/graphql/generated';
import { useQuery, type QueryOptions } from './use-graphql';

export type TeamSummary = TeamsQuery['teams'][number];
export type TeamMemberSummary = TeamSummary['members'][number];

/** The teams visible to the signed-in user, with their lead, coach and members. */
export function useTeams(options?: QueryOptions) {
  return useQuery(TeamsDocument, undefined, options);
}
