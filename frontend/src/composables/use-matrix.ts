import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { MatrixDocument, MoveInMatrixDocument, type MatrixRepFragment } from '@/graphql/generated';
import { flattenMatrix, groupMatrix, placementOf, replacePerson, samePlacement, withPlacement, type MatrixPlacement } from '@/utils/matrix';
import { toAppError } from '@/graphql/client';
import { useMutation, useQuery } from './use-graphql';

export type MatrixRep = MatrixRepFragment;

/**
 * The specialization matrix of the visible reps (one team or all), and moving a rep to
 * another cell: shown at once, saved with the version the viewer saw, undone if refused.
 */
export function useMatrix(teamId: MaybeRefOrGetter<string | null>, locale: MaybeRefOrGetter<string> = 'ru') {
  const query = useQuery(MatrixDocument, () => ({ teamId: toValue(teamId) }));
  const update = useMutation(MoveInMatrixDocument);
  const people = shallowRef<MatrixRep[]>([]);
  /** Reps whose move is being saved. */
  const saving = ref<ReadonlySet<string>>(new Set());

  watch(query.data, (data) => (people.value = data ? flattenMatrix(data.matrix) : []), { immediate: true });

  const grid = computed(() => groupMatrix(people.value, toValue(locale)));

  function setSaving(id: string, on: boolean): void {
    const next = new Set(saving.value);
    if (on) next.add(id);
    else next.delete(id);
    saving.value = next;
  }

  /**
   * Moves a rep; resolves with the saved rep, or rejects with the AppError after putting
   * the rep back (a CONFLICT also reloads the matrix: someone else changed it).
   */
  async function move(id: string, placement: MatrixPlacement): Promise<MatrixRep | null> {
    const before = people.value.find((p) => p.id === id);
    if (!before || saving.value.has(id) || samePlacement(placementOf(before), placement)) return null;
    people.value = withPlacement(people.value, id, placement);
    setSaving(id, true);
    try {
      const { updateMember } = await update.mutate({
        id,
        input: { stageRole: placement.stageRole, category: placement.category, expectedVersion: before.version },
      });
      people.value = replacePerson(people.value, updateMember);
      return updateMember;
    } catch (caught) {
      const error = toAppError(caught);
      people.value = replacePerson(people.value, before);
      if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') void query.refetch();
      throw error;
    } finally {
      setSaving(id, false);
    }
  }

  return { ...query, people, grid, saving, move };
}
