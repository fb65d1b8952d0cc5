import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { circleHandler } from '@/testing/circle-fixtures';
import { HANDOFF_RULES, PREVIEW } from '@/testing/client-fixtures';
import { createFakeFetch } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

function handoffFetch(user: CurrentUser) {
  return createFakeFetch(
    circleHandler(user, {
      HandoffRules: () => ({ json: { data: { handoffRules: HANDOFF_RULES } } }),
      PreviewHandoffs: () => ({ json: { data: { previewHandoffs: PREVIEW } } }),
      CreateHandoffRule: () => ({ json: { data: { createHandoffRule: HANDOFF_RULES[0] } } }),
      ApplyHandoffs: () => ({ json: { data: { applyHandoffs: { applied: 2, changedMeanwhile: 1, changedClients: ['АО «Третий»'], nextStageDue: 1 } } } }),
    }),
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('HandoffsPage', () => {
  it('shows the rules by transition with their criteria as sentences', async () => {
    seedSession(USERS.LEAD);
    const { root } = await mountRoute('/handoffs', { fetch: handoffFetch(USERS.LEAD).fetch });
    await flushPromises();
    const groups = root.findAll('[data-testid="handoff-transition"]');
    expect(groups.map((g) => g.attributes('data-transition'))).toEqual(['PROSPECT>ACTIVE', 'ACTIVE>REGULAR', 'REGULAR>STRATEGIC']);
    expect(groups[0]!.findAll('[data-testid="handoff-criterion"]').map((c) => c.text())).toEqual(['2nd order or more', '≥ ₽1,000,000 in 90 days']);
    expect(groups[0]!.text()).toContain('Any of:');
    expect(groups[1]!.text()).toContain('No rule for this handoff yet.');
    expect(groups[2]!.text()).toContain('Off');
    // A lead reads the rules; the director edits them and runs the queue.
    expect(root.find('[data-testid="handoff-rule-edit"]').exists()).toBe(false);
    expect(root.find('[data-testid="handoff-preview-run"]').exists()).toBe(false);
    expect(root.text()).toContain('The sales director previews and applies handoffs.');
  });

  it('previews the queue grouped by transition, applies exactly that preview after a confirm, and reports', async () => {
    seedSession(USERS.DIRECTOR);
    const fake = handoffFetch(USERS.DIRECTOR);
    const { root } = await mountRoute('/handoffs', { fetch: fake.fetch });
    await flushPromises();
    await root.get('[data-testid="handoff-preview-run"]').trigger('click');
    await flushPromises();
    expect(root.get('[data-testid="handoff-preview-count"]').text()).toContain('Ждут 3 передачи');
    const groups = root.findAll('[data-testid="handoff-group"]');
    const text = (el: { text: () => string }) => el.text().replace(/\u00a0/g, ' ');
    expect(groups.map((g) => [g.attributes('data-transition'), g.attributes('data-count')])).toEqual([
      ['PROSPECT>ACTIVE', '2'],
      ['REGULAR>STRATEGIC', '1'],
    ]);
    expect(text(groups[0]!)).toContain('Покупки за последние 90 дней: 1 500 000 ₽');

    await root.get('[data-testid="handoff-apply"]').trigger('click');
    expect(fake.requests.some((r) => r.body.operationName === 'ApplyHandoffs')).toBe(false);
    expect(root.get('[data-testid="handoff-confirm"]').text()).toContain('Перевести 3 клиентов');
    await root.get('[data-testid="handoff-confirm-yes"]').trigger('click');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'ApplyHandoffs')?.body.variables).toEqual({ previewId: 'p1' });
    const report = root.get('[data-testid="handoff-report"]');
    expect(report.attributes('data-applied')).toBe('2');
    expect(report.text()).toContain('Передано 2 клиента');
    expect(report.text()).toContain('1 клиент изменился за это время и пропущен');
    expect(report.text()).toContain('АО «Третий»');
    // a client moved one stage that already qualifies for the next: the director is told to preview again
    expect(report.get('[data-testid="handoff-report-next"]').text()).toBe('1 переданный клиент уже подходит для следующего этапа: нажмите «Показать заново», чтобы перевести его.');
    expect(fake.violations).toEqual([]);
  });

  it('lets the director write a new rule, read back as a sentence before it is saved', async () => {
    seedSession(USERS.DIRECTOR);
    const fake = handoffFetch(USERS.DIRECTOR);
    const { root } = await mountRoute('/handoffs', { fetch: fake.fetch });
    await flushPromises();
    await root.get('[data-testid="handoff-rule-add"]').trigger('click');
    const editor = root.get('[data-testid="handoff-editor"]');
    await editor.get('[data-testid="handoff-save"]').trigger('submit');
    expect(editor.text()).toContain('Дайте правилу название.');
    expect(fake.requests.some((r) => r.body.operationName === 'CreateHandoffRule')).toBe(false);

    await editor.get('[data-testid="handoff-name"]').setValue('Третий заказ');
    await editor.get('select[name="fromStage"]').setValue('PROSPECT');
    const min = editor.get('[data-testid="handoff-criterion-form"] input');
    await min.setValue('3');
    expect(editor.text()).toContain('3-й заказ и более');
    await editor.trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'CreateHandoffRule')?.body.variables).toEqual({
      input: { name: 'Третий заказ', fromStage: 'PROSPECT', toStage: 'ACTIVE', combinator: 'ALL', active: true, criteria: [{ kind: 'ORDER_COUNT', min: 3 }] },
    });
    expect(root.find('[data-testid="handoff-editor"]').exists()).toBe(false);
    expect(root.get('[data-testid="toast"][data-tone="success"]').text()).toContain('Третий заказ');
    expect(fake.requests.filter((r) => r.body.operationName === 'HandoffRules')).toHaveLength(2);
  });
});
