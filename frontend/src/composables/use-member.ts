import { computed, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import {
  AddAbsenceDocument,
  AssignCrossRoleDocument,
  MemberPageDocument,
  RemoveAbsenceDocument,
  RemoveCrossRoleDocument,
  RemoveReportingLineDocument,
  SetWorkScheduleDocument,
  UpdateMemberDocument,
  type AddAbsenceInput,
  type AssignCrossRoleInput,
  type MemberDetailFragment,
  type ScheduleSlotInput,
  type UpdateMemberInput,
} from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { useQuery } from './use-graphql';

export type MemberDetail = MemberDetailFragment;

/** The changes a member page can make; each resolves when saved and the page shows the new state. */
export interface MemberActions {
  /** Sends the version shown; a CONFLICT reloads the member before it rejects. */
  update: (input: Omit<UpdateMemberInput, 'expectedVersion'>) => Promise<void>;
  setSchedule: (slots: ScheduleSlotInput[]) => Promise<void>;
  removeLine: (id: string) => Promise<void>;
  assignCrossRole: (input: Omit<AssignCrossRoleInput, 'memberId'>) => Promise<void>;
  removeCrossRole: (id: string) => Promise<void>;
  addAbsence: (input: Omit<AddAbsenceInput, 'memberId'>) => Promise<void>;
  removeAbsence: (id: string) => Promise<void>;
}

/** One member with everything the member page shows, and the changes it can make. */
export function useMember(id: MaybeRefOrGetter<string>) {
  const client = useGraphQLClient();
  const query = useQuery(MemberPageDocument, () => ({ id: toValue(id) }));
  const member = computed(() => query.data.value?.member ?? null);
  /** The company's time zone: shifts and absences are in its local time. */
  const timezone = computed(() => query.data.value?.organization.timezone ?? 'UTC');

  function display(next: MemberDetail): void {
    const data = query.data.value;
    if (data) query.data.value = { ...data, member: next };
  }

  async function reloadOnConflict<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (caught) {
      const error = toAppError(caught);
      if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') await query.refetch();
      throw error;
    }
  }

  const loaded = () => {
    const current = member.value;
    if (!current) throw new Error('the member is not loaded');
    return current;
  };

  const actions: MemberActions = {
    update: (input) =>
      reloadOnConflict(async () => {
        const current = loaded();
        const { updateMember } = await client.request(UpdateMemberDocument, {
          id: current.id,
          input: { ...input, expectedVersion: current.version },
        });
        display(updateMember);
      }),
    setSchedule: (slots) =>
      reloadOnConflict(async () => {
        const { setWorkSchedule } = await client.request(SetWorkScheduleDocument, { memberId: loaded().id, input: { slots } });
        display(setWorkSchedule);
      }),
    removeLine: (lineId) => reloadOnConflict(() => client.request(RemoveReportingLineDocument, { id: lineId })).then(() => query.refetch()),
    assignCrossRole: (input) =>
      reloadOnConflict(() => client.request(AssignCrossRoleDocument, { input: { ...input, memberId: loaded().id } })).then(() => query.refetch()),
    removeCrossRole: (roleId) => reloadOnConflict(() => client.request(RemoveCrossRoleDocument, { id: roleId })).then(() => query.refetch()),
    addAbsence: (input) =>
      reloadOnConflict(() => client.request(AddAbsenceDocument, { input: { ...input, memberId: loaded().id } })).then(() => query.refetch()),
    removeAbsence: (absenceId) => reloadOnConflict(() => client.request(RemoveAbsenceDocument, { id: absenceId })).then(() => query.refetch()),
  };

  return { ...query, member, timezone, actions };
}

/** Busy flag and the last refusal of one control on the page (shown next to it). */
export function useAction() {
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);

  /** Runs a change; true when it was saved, false when it was refused (see `error`). */
  async function run(change: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      await change();
      return true;
    } catch (caught) {
      error.value = toAppError(caught);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run, clear: () => (error.value = null) };
}
