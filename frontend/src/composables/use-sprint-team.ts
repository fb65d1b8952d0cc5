import { mayRunSprint, mayWorkOnProcess, mayWriteSprintNotes } from '@salescircle/shared';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { defaultTeamId } from '@/utils/viewer-scope';
import { useViewerScope } from './use-viewer-scope';

/**
 * The team whose sprints the sprint pages show: `?team=` in the address, else the one the
 * viewer leads, directs, belongs to or coaches. What the viewer may do there follows the
 * shared sprint policy (the server decides again).
 */
export function useSprintTeam() {
  const route = useRoute();
  const router = useRouter();
  const viewer = useViewerScope();

  const routeTeamId = computed(() => (typeof route.query.team === 'string' && route.query.team ? route.query.team : null));
  const teamId = computed(() => {
    const fromRoute = routeTeamId.value;
    if (fromRoute && (viewer.teams.value.length === 0 || viewer.teams.value.some((t) => t.id === fromRoute))) return fromRoute;
    return defaultTeamId(viewer.scope.value, viewer.teams.value);
  });
  const team = computed(() => viewer.teams.value.find((t) => t.id === teamId.value) ?? null);

  const mayRun = computed(() => !!viewer.scope.value && !!teamId.value && mayRunSprint(viewer.scope.value, teamId.value));
  const mayWriteNotes = computed(() => !!viewer.scope.value && !!teamId.value && mayWriteSprintNotes(viewer.scope.value, teamId.value));
  function mayWork(ownerIds: readonly string[]): boolean {
    return !!viewer.scope.value && !!teamId.value && mayWorkOnProcess(viewer.scope.value, teamId.value, ownerIds);
  }

  /** Another team: the address changes, the sprint choice resets. */
  function pickTeam(id: string): void {
    if (id === teamId.value) return;
    const { sprint: _sprint, ...rest } = route.query;
    void router.replace({ query: { ...rest, team: id } });
  }

  /** The query that keeps the team when going to another sprint page. */
  const teamQuery = computed<Record<string, string>>(() => {
    const query: Record<string, string> = {};
    if (routeTeamId.value) query.team = routeTeamId.value;
    return query;
  });

  return { ...viewer, teamId, team, mayRun, mayWriteNotes, mayWork, pickTeam, teamQuery };
}
