import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import { ApplyRebalanceDocument, ProposeRebalanceDocument, TerritoryBalanceDocument, type ApplyRebalanceMutation, type BalanceFieldsFragment } from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';

export type Balance = BalanceFieldsFragment;
export type RebalanceReport = ApplyRebalanceMutation['applyRebalance'];

/**
 * Portfolio potential of the chosen people against their mean (measured again whenever the
 * choice changes and at least two are chosen), a rebalance proposal and applying it.
 */
export function useTerritoryBalance(memberIds: MaybeRefOrGetter<readonly string[]>) {
  const client = useGraphQLClient();
  const balance = shallowRef<Balance | null>(null);
  const loading = ref(false);
  const error = shallowRef<AppError | null>(null);

  const proposal = shallowRef<Balance | null>(null);
  const proposing = ref(false);
  const applying = ref(false);
  const report = shallowRef<RebalanceReport | null>(null);
  const actionError = shallowRef<AppError | null>(null);
  let run = 0;

  async function measure(): Promise<void> {
    const ids = [...toValue(memberIds)];
    const current = ++run;
    proposal.value = null;
    if (ids.length < 2) {
      balance.value = null;
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const { territoryBalance } = await client.request(TerritoryBalanceDocument, { memberIds: ids });
      if (current === run) balance.value = territoryBalance;
    } catch (caught) {
      if (current === run) error.value = toAppError(caught);
    } finally {
      if (current === run) loading.value = false;
    }
  }

  watch(() => toValue(memberIds).join(','), () => void measure(), { immediate: true });

  async function propose(allowProtected: boolean): Promise<void> {
    proposing.value = true;
    actionError.value = null;
    report.value = null;
    try {
      proposal.value = (await client.request(ProposeRebalanceDocument, { memberIds: [...toValue(memberIds)], allowProtected })).proposeRebalance;
    } catch (caught) {
      actionError.value = toAppError(caught);
    } finally {
      proposing.value = false;
    }
  }

  async function apply(): Promise<void> {
    const id = proposal.value?.id;
    if (!id) return;
    applying.value = true;
    actionError.value = null;
    try {
      const { applyRebalance } = await client.request(ApplyRebalanceDocument, { proposalId: id });
      await measure();
      report.value = applyRebalance;
    } catch (caught) {
      actionError.value = toAppError(caught);
    } finally {
      applying.value = false;
    }
  }

  return { balance, loading, error, refetch: measure, proposal, proposing, applying, report, actionError, propose, apply };
}
