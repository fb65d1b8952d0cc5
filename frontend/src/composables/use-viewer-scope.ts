import type { ViewerScope } from '@salescircle/shared';
import { computed } from 'vue';
import { ViewerScopeDocument, type ViewerScopeQuery } from '@/graphql/generated';
import { buildViewerScope } from '@/utils/viewer-scope';
import { useQuery } from './use-graphql';

export type ScopeTeamSummary = ViewerScopeQuery['teams'][number];

/**
 * The signed-in user's place in the circle (ViewerScope, for the shared policy functions)
 * and the teams they see. The UI shows controls by it; the server decides.
 */
export function useViewerScope() {
  const query = useQuery(ViewerScopeDocument);
  const teams = computed<readonly ScopeTeamSummary[]>(() => query.data.value?.teams ?? []);
  const scope = computed<ViewerScope | null>(() => {
    const data = query.data.value;
    return data ? buildViewerScope(data.me.role, data.me.member?.id ?? null, data.teams) : null;
  });
  return { ...query, teams, scope };
}
