import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { FetchLike } from '@/graphql/client';
import { TeamCompositionDocument, UpdateMyPreferencesDocument } from '@/graphql/generated';
import { createFakeFetch, graphQLError, type FakeReply } from '@/testing/fake-fetch';
import { withSetup } from '@/testing/with-setup';
import { useMutation, useQuery } from './use-graphql';

describe('useQuery', () => {
  it('gives typed data and loading, refetches when variables change and ignores stale answers', async () => {
    // Each request waits until the test answers it, so answers can arrive out of order.
    const answers: ((reply: FakeReply) => void)[] = [];
    const sent: unknown[] = [];
    const violations: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      sent.push(JSON.parse(String(init.body)).variables);
      const reply = await new Promise<FakeReply>((resolve) => answers.push(resolve));
      const strict = createFakeFetch([reply]);
      const response = await strict.fetch(url, init);
      violations.push(...strict.violations);
      return response;
    };

    const teamId = ref<string | null>('a');
    const { result: query, wrapper } = withSetup(
      () => useQuery(TeamCompositionDocument, () => ({ teamId: teamId.value })),
      fetch,
      (q) => q.data.value?.teamComposition.map((s) => `${s.key}:${s.count}`).join(',') ?? 'none',
    );
    expect(query.loading.value).toBe(true);
    expect(wrapper.text()).toBe('none');

    teamId.value = 'b';
    await flushPromises();
    expect(sent).toEqual([{ teamId: 'a' }, { teamId: 'b' }]);

    answers[1]?.({ json: { data: { teamComposition: [{ key: 'COACH', count: 2 }] } } });
    await flushPromises();
    answers[0]?.({ json: { data: { teamComposition: [{ key: 'LEAD', count: 9 }] } } });
    await flushPromises();

    expect(wrapper.text()).toBe('COACH:2');
    expect(query.loading.value).toBe(false);
    expect(query.error.value).toBeNull();
    expect(violations).toEqual([]);
  });

  it('keeps the error with its code, and clears it on a successful refetch', async () => {
    const fake = createFakeFetch([
      { json: graphQLError('FORBIDDEN', 'not yours') },
      { json: { data: { teamComposition: [] } } },
    ]);
    const { result: query } = withSetup(() => useQuery(TeamCompositionDocument, { teamId: 'x' }), fake.fetch);
    await flushPromises();
    expect(query.error.value).toMatchObject({ code: 'FORBIDDEN', message: 'not yours' });
    expect(query.data.value).toBeUndefined();
    await query.refetch();
    expect(query.error.value).toBeNull();
    expect(query.data.value).toEqual({ teamComposition: [] });
    expect(fake.violations).toEqual([]);
  });
});

describe('useMutation', () => {
  it('resolves with data and rejects with an AppError kept in `error`', async () => {
    const fake = createFakeFetch([
      { json: graphQLError('FORBIDDEN', 'nope') },
      { json: { data: { updateMyPreferences: { id: 'u', email: 'a@b.c', name: 'A', role: 'LEAD', locale: 'ru', active: true } } } },
    ]);
    const { result: mutation } = withSetup(() => useMutation(UpdateMyPreferencesDocument), fake.fetch);

    await expect(mutation.mutate({ input: { locale: 'ru' } })).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'nope' });
    expect(mutation.error.value?.code).toBe('FORBIDDEN');
    const data = await mutation.mutate({ input: { locale: 'ru' } });
    expect(data.updateMyPreferences.locale).toBe('ru');
    expect(mutation.error.value).toBeNull();
    expect(mutation.loading.value).toBe(false);
    expect(fake.requests.map((r) => r.body.variables)).toEqual([{ input: { locale: 'ru' } }, { input: { locale: 'ru' } }]);
  });
});
