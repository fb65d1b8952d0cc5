import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE, circleHandler, memberDetail } from '@/testing/circle-fixtures';
import { createFakeFetch, graphQLError } from '@/testing/fake-fetch';
import { USERS, seedSession } from '@/testing/fixtures';
import { mountRoute } from '@/testing/mount-app';
import type { CurrentUser } from '@/utils/session';

async function mountMember(user: CurrentUser, overrides: Parameters<typeof circleHandler>[1] = {}, locale: 'en' | 'ru' = 'en') {
  seedSession(user);
  localStorage.setItem('sc.locale', locale);
  const fake = createFakeFetch(circleHandler(user, overrides));
  const { root, ctx } = await mountRoute(`/members/${PEOPLE.rep}`, { fetch: fake.fetch, locale });
  await flushPromises();
  return { root, ctx, fake };
}

const page = { json: (member = memberDetail()) => ({ json: { data: { member, organization: { id: 'o1', timezone: 'Europe/Moscow' } } } }) };

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('MemberPage', () => {
  it('shows who the person is, their teams, lines, schedule, absences and availability', async () => {
    const { root, fake } = await mountMember(USERS.LEAD);
    expect(fake.requests.find((r) => r.body.operationName === 'MemberPage')?.body.variables).toEqual({ id: PEOPLE.rep });
    expect(root.get('[data-testid="page-title"]').text()).toBe('Rita Rep');
    expect(root.get('[data-testid="member-cell"]').text()).toBe('Hunter · Category 2');
    expect(root.get('[data-testid="member-reports-to"]').text()).toContain('Lena Lead');
    expect(root.get('[data-testid="member-availability"]').text()).toContain('On shift');
    expect(root.findAll('[data-testid="member-line"]').map((l) => l.text())).toEqual([
      'Reports to Lena Lead',
      'Matrix manager: Petr ProductScope: Servers',
      'Coached by Carl Coach',
    ]);
    expect(root.get('[data-testid="absence"]').text()).toContain('Vacation');
    expect(root.get('[data-testid="absence"]').text()).toContain('May 6, 2030 – May 8, 2030');
  });

  it('gives the lead the schedule, absences, capacity and matrix cell, but not the name, role or lines', async () => {
    const { root } = await mountMember(USERS.LEAD);
    expect(root.get('[data-testid="member-page"]').attributes('data-can-edit')).toBe('true');
    expect(root.find('[data-testid="schedule-save"]').exists()).toBe(true);
    expect(root.find('[data-testid="absence-form"]').exists()).toBe(true);
    expect(root.find('[data-testid="capacity-form"]').exists()).toBe(true);
    expect(root.find('[data-testid="line-remove"]').exists()).toBe(false);
    expect(root.find('[data-testid="cross-role-add"]').exists()).toBe(false);
    await root.get('[data-testid="member-edit-profile"]').trigger('click');
    const form = root.get('[data-testid="profile-form"]');
    expect(form.find('input[name="name"]').exists()).toBe(false);
    expect(form.find('select[name="role"]').exists()).toBe(false);
    expect(form.find('select[name="stageRole"]').exists()).toBe(true);
  });

  it('checks the schedule with the shared rule before sending it, then saves the whole week', async () => {
    const { root, fake } = await mountMember(USERS.LEAD, {
      SetWorkSchedule: (variables) => {
        const slots = (variables.input as { slots: { weekday: number; startsAt: string; endsAt: string }[] }).slots;
        return { json: { data: { setWorkSchedule: memberDetail({ schedule: slots, version: 8 }) } } };
      },
    });
    const monday = root.get('[data-testid="schedule-day"][data-weekday="1"]');
    await monday.get('[data-testid="slot-add"]').trigger('click');
    const starts = monday.findAll('[data-testid="slot-start"]');
    expect(starts.map((s) => (s.element as HTMLInputElement).value)).toEqual(['10:00', '14:00']);
    await starts[1]!.setValue('13:00');
    expect(monday.text()).toContain('Overlaps other hours that day.');
    expect(root.get('[data-testid="schedule-save"]').attributes('disabled')).toBeDefined();

    await starts[1]!.setValue('1400');
    await starts[1]!.trigger('blur');
    expect((starts[1]!.element as HTMLInputElement).value).toBe('14:00');
    await root.get('[data-testid="schedule-save"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'SetWorkSchedule')?.body.variables).toEqual({
      memberId: PEOPLE.rep,
      input: {
        slots: [
          { weekday: 1, startsAt: '10:00', endsAt: '14:00' },
          { weekday: 1, startsAt: '14:00', endsAt: '18:00' },
        ],
      },
    });
    expect(root.findAll('[data-testid="schedule-day"][data-weekday="1"] [data-testid="schedule-slot"]')).toHaveLength(2);
    expect(root.get('[data-testid="schedule-save"]').attributes('disabled')).toBeDefined();
  });

  it('adds an absence typed the Russian way and shows the new list', async () => {
    let absences = memberDetail().absences;
    const { root, fake } = await mountMember(
      USERS.LEAD,
      {
        AddAbsence: (variables) => {
          const input = variables.input as { kind: 'SICK_LEAVE'; startsOn: string; endsOn: string; note: string | null };
          absences = [...absences, { id: 'a2', kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn, note: input.note }];
          return { json: { data: { addAbsence: { id: 'a2' } } } };
        },
        MemberPage: () => page.json(memberDetail({ absences })),
      },
      'ru',
    );
    const form = root.get('[data-testid="absence-form"]');
    await form.get('select[name="kind"]').setValue('SICK_LEAVE');
    await form.get('input[name="startsOn"]').setValue('10.06.2030');
    await form.get('input[name="endsOn"]').setValue('01.06.2030');
    await form.trigger('submit');
    expect(form.text()).toContain('Последний день не может быть раньше первого.');
    expect(fake.requests.some((r) => r.body.operationName === 'AddAbsence')).toBe(false);

    await form.get('input[name="endsOn"]').setValue('12.06.2030');
    await form.trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'AddAbsence')?.body.variables).toEqual({
      input: { memberId: PEOPLE.rep, kind: 'SICK_LEAVE', startsOn: '2030-06-10', endsOn: '2030-06-12', note: null },
    });
    expect(root.findAll('[data-testid="absence"]').map((a) => a.text())).toContainEqual(expect.stringContaining('Больничный'));
  });

  it('checks the email address before sending it, and says so beside the field in the page language', async () => {
    const { root, fake } = await mountMember({ ...USERS.DIRECTOR, locale: 'ru' }, {}, 'ru');
    await root.get('[data-testid="member-edit-profile"]').trigger('click');
    await root.get('input[name="email"]').setValue('not-an-email');
    await root.get('[data-testid="profile-form"]').trigger('submit');
    await flushPromises();
    expect(root.get('[data-testid="profile-email-error"]').text()).toBe('Введите корректный адрес, например name@company.ru.');
    expect(root.get('input[name="email"]').attributes('aria-invalid')).toBe('true');
    expect((root.get('input[name="email"]').element as HTMLInputElement).value).toBe('not-an-email');
    expect(fake.requests.some((r) => r.body.operationName === 'UpdateMember')).toBe(false);
  });

  it('sends the version it showed; after a conflict it says so, with the server message, and reloads', async () => {
    let version = 7;
    const { root, fake } = await mountMember(USERS.DIRECTOR, {
      MemberPage: () => page.json(memberDetail({ version })),
      UpdateMember: () => {
        version = 9;
        return { json: graphQLError('CONFLICT', 'Rita Rep was changed by someone else meanwhile.', { reason: 'STALE_VERSION' }) };
      },
    });
    await root.get('[data-testid="member-edit-profile"]').trigger('click');
    await root.get('input[name="name"]').setValue('Rita Ross');
    await root.get('[data-testid="profile-form"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.find((r) => r.body.operationName === 'UpdateMember')?.body.variables).toEqual({
      id: PEOPLE.rep,
      input: { name: 'Rita Ross', expectedVersion: 7 },
    });
    const refusal = root.get('[data-testid="profile-form"] [data-testid="refusal"]');
    expect(refusal.attributes('data-reason')).toBe('STALE_VERSION');
    // the reason is said in the page's language, whole: not the server's English sentence after it
    expect(refusal.text()).toBe('Someone else changed this person meanwhile. The latest data is shown now; check it and try again.');
    expect(fake.requests.filter((r) => r.body.operationName === 'MemberPage')).toHaveLength(2);

    // The next try carries the version the page now shows.
    await root.get('[data-testid="profile-form"]').trigger('submit');
    await flushPromises();
    expect(fake.requests.filter((r) => r.body.operationName === 'UpdateMember').at(-1)?.body.variables).toMatchObject({ input: { expectedVersion: 9 } });
  });

  it('shows a refused line removal next to it, with the reason translated', async () => {
    const { root } = await mountMember(USERS.DIRECTOR, {
      RemoveReportingLine: () => ({ json: graphQLError('BAD_USER_INPUT', 'Carl Coach would report to Дмитрий Орлов.', { reason: 'COACH_IN_DIRECTOR_LINE' }) }),
    });
    await root.get('[data-testid="line-remove"]').trigger('click');
    await root.get('[data-testid="line-remove-confirm"]').trigger('click');
    await flushPromises();
    expect(root.get('[data-testid="member-lines"] [data-testid="refusal"]').text()).toContain("The coach must stay outside the director's line.");
  });

  it('keeps the page read-only for a rep, and hides the history of others', async () => {
    const { root } = await mountMember(USERS.SALES, { MemberPage: () => page.json(memberDetail({ id: PEOPLE.prospector, name: 'Pavel Prospector', history: [] })) });
    expect(root.get('[data-testid="member-page"]').attributes('data-can-edit')).toBe('false');
    expect(root.findAll('[data-testid="member-page"] input, [data-testid="member-page"] select, [data-testid="member-page"] button')).toHaveLength(0);
    expect(root.find('[data-testid="member-history"]').exists()).toBe(false);
    expect(root.get('[data-testid="member-read-only"]').text()).toContain('changes are made by the director and the team lead');
  });

  it('tells the history newest first, with who did it and a readable before → after', async () => {
    const { root } = await mountMember(USERS.LEAD, {}, 'ru');
    const entries = root.findAll('[data-testid="history-entry"]');
    expect(entries.map((e) => e.attributes('data-action'))).toEqual(['absence added', 'updated']);
    expect(entries[0]!.text()).toContain('Система');
    expect(entries[0]!.text()).toContain('Вид: Отпуск');
    const update = entries[1]!.text();
    expect(update).toContain('Lena Lead');
    expect(update).toMatch(/Роль этапа: Фермер \(МРК\) →\s*стало\s*Охотник \(МПК\)/);
    expect(update.indexOf('Роль этапа')).toBeLessThan(update.indexOf('Категория'));
  });

  it('says when the person cannot be found', async () => {
    const { root } = await mountMember(USERS.LEAD, { MemberPage: () => ({ json: { data: { member: null, organization: { id: 'o1', timezone: 'UTC' } } } }) });
    expect(root.get('[data-testid="empty-state"]').text()).toContain('This person does not exist, or you may not see them.');
  });
});
