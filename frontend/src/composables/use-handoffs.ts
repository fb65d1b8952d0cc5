import { computed, ref, shallowRef } from 'vue';
import { toAppError, type AppError } from '@/graphql/client';
import {
  ApplyHandoffsDocument,
  CreateHandoffRuleDocument,
  DeleteHandoffRuleDocument,
  HandoffRulesDocument,
  PreviewHandoffsDocument,
  UpdateHandoffRuleDocument,
  type ApplyHandoffsMutation,
  type HandoffRuleInput,
  type PreviewHandoffsQuery,
} from '@/graphql/generated';
import { useGraphQLClient } from '@/graphql/provide';
import { useQuery } from './use-graphql';

export type HandoffPreview = PreviewHandoffsQuery['previewHandoffs'];
export type HandoffItem = HandoffPreview['items'][number];
export type HandoffReport = ApplyHandoffsMutation['applyHandoffs'];

/** The handoff rules, and saving or deleting one (the list is reloaded after each change). */
export function useHandoffRules() {
  const client = useGraphQLClient();
  const query = useQuery(HandoffRulesDocument);
  const rules = computed(() => query.data.value?.handoffRules ?? []);

  async function save(id: string | null, input: HandoffRuleInput): Promise<void> {
    if (id) await client.request(UpdateHandoffRuleDocument, { id, input });
    else await client.request(CreateHandoffRuleDocument, { input });
    await query.refetch();
  }

  async function remove(id: string): Promise<void> {
    await client.request(DeleteHandoffRuleDocument, { id });
    await query.refetch();
  }

  return { ...query, rules, save, remove };
}

export type QueuePhase = 'idle' | 'previewing' | 'previewed' | 'applying' | 'applied';

/**
 * The handoff queue: preview what the rules would move now, then apply exactly that list
 * (the server skips and reports clients that changed since the preview).
 */
export function useHandoffQueue() {
  const client = useGraphQLClient();
  const phase = ref<QueuePhase>('idle');
  const preview = shallowRef<HandoffPreview | null>(null);
  const report = shallowRef<HandoffReport | null>(null);
  const error = shallowRef<AppError | null>(null);

  async function runPreview(): Promise<void> {
    phase.value = 'previewing';
    error.value = null;
    report.value = null;
    try {
      preview.value = (await client.request(PreviewHandoffsDocument, {})).previewHandoffs;
      phase.value = 'previewed';
    } catch (caught) {
      error.value = toAppError(caught);
      phase.value = preview.value ? 'previewed' : 'idle';
    }
  }

  async function apply(): Promise<void> {
    const current = preview.value;
    if (!current || phase.value !== 'previewed') return;
    phase.value = 'applying';
    error.value = null;
    try {
      report.value = (await client.request(ApplyHandoffsDocument, { previewId: current.id })).applyHandoffs;
      phase.value = 'applied';
    } catch (caught) {
      error.value = toAppError(caught);
      phase.value = 'previewed';
    }
  }

  return { phase, preview, report, error, runPreview, apply };
}
