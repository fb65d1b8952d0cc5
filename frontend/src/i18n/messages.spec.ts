import { ABSENCE_KINDS, CROSS_ROLE_KINDS, ERROR_CODES, LINE_KINDS, ROLES, STAGE_ROLES } from '@salescircle/shared';
import { describe, expect, it } from 'vitest';
import { AVAILABILITY_STATUSES } from '@/utils/availability';
import { ERROR_REASONS } from '@/utils/error-reasons';
import { HISTORY_ACTIONS } from '@/utils/member-history';
import { createAppI18n } from './index';
import { en } from './en';
import { ru } from './ru';

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const enLeaves = leaves(en);
const ruLeaves = leaves(ru);

/** Every source file of the app, raw (vite's glob import). */
const sources = import.meta.glob(['/src/**/*.{ts,vue}', '!/src/**/*.spec.ts', '!/src/testing/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('messages', () => {
  it('has the same keys and kinds in Russian and English, none empty', () => {
    expect([...ruLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    for (const [key, value] of enLeaves) {
      expect(typeof ruLeaves.get(key), key).toBe(typeof value);
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      const ruValue = ruLeaves.get(key);
      if (typeof ruValue === 'string') expect(ruValue.trim(), key).not.toBe('');
    }
  });

  it('has no placeholders in plain strings (only fmt()/plural() messages interpolate)', () => {
    for (const [key, value] of [...enLeaves, ...ruLeaves]) {
      if (typeof value === 'string') expect(value, key).not.toMatch(/[{}]/);
    }
  });

  it('names every role, stage role and error code', () => {
    for (const role of ROLES) expect(enLeaves.has(`roles.${role}`) && ruLeaves.has(`roles.${role}`), role).toBe(true);
    for (const stage of STAGE_ROLES) expect(ruLeaves.has(`stageRoles.${stage}`), stage).toBe(true);
    for (const code of [...ERROR_CODES, 'NETWORK_ERROR']) expect(ruLeaves.has(`errors.${code}`), code).toBe(true);
    expect(ru.roles).toEqual({
      DIRECTOR: 'Директор по продажам',
      LEAD: 'Руководитель группы',
      COACH: 'Коуч',
      SALES: 'Менеджер по продажам',
    });
    expect(ru.stageRoles).toEqual({
      PROSPECTOR: 'Актуализатор',
      HUNTER: 'Охотник (МПК)',
      FARMER: 'Фермер (МРК)',
      KEY_ACCOUNT: 'Key account (КАМ)',
    });
  });

  it('names every kind of line, cross role, absence, availability, refusal reason and history action', () => {
    const expected = [
      ...LINE_KINDS.flatMap((k) => [`lineKinds.${k}`, `lineLegend.${k}`, `member.lines.out.${k}`, `member.lines.in.${k}`]),
      ...CROSS_ROLE_KINDS.map((k) => `crossRoleKinds.${k}`),
      ...ABSENCE_KINDS.map((k) => `absenceKinds.${k}`),
      ...STAGE_ROLES.flatMap((k) => [`stageRoleShort.${k}`, `matrix.stageHint.${k}`]),
      ...AVAILABILITY_STATUSES.map((k) => `availability.${k}`),
      ...ERROR_REASONS.map((k) => `errorReasons.${k}`),
      ...Object.values(HISTORY_ACTIONS).map((k) => `history.actions.${k}`),
    ];
    for (const key of expected) expect(enLeaves.has(key) && ruLeaves.has(key), key).toBe(true);
  });

  it('has every literal key the code asks for', () => {
    const keyCall = /\$?\bt\(\s*'([a-zA-Z0-9_.]+)'/g;
    const missing: string[] = [];
    let found = 0;
    for (const [file, text] of Object.entries(sources)) {
      for (const match of text.matchAll(keyCall)) {
        found++;
        const key = match[1] ?? '';
        if (!enLeaves.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(found).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('interpolates and pluralizes with the runtime-only build', () => {
    const { t, locale } = createAppI18n('ru').global;
    expect(t('teams.memberCount', { count: 1 })).toBe('1 участник');
    expect(t('teams.memberCount', { count: 3 })).toBe('3 участника');
    expect(t('teams.memberCount', { count: 11 })).toBe('11 участников');
    expect(t('home.greeting.morning', { name: 'Анна' })).toBe('Доброе утро, Анна');
    expect(t('roles.SALES')).toBe('Менеджер по продажам');
    locale.value = 'en';
    expect(t('teams.memberCount', { count: 1 })).toBe('1 member');
    expect(t('teams.memberCount', { count: 2 })).toBe('2 members');
    expect(t('login.demo.hint', { password: 'salescircle' })).toContain('is salescircle.');
    expect(t('matrix.count', { count: 1 })).toBe('1 rep');
    locale.value = 'ru';
    expect(t('matrix.count', { count: 2 })).toBe('2 менеджера');
    expect(t('matrix.count', { count: 5 })).toBe('5 менеджеров');
    expect(t('circle.memberCount', { count: 11 })).toBe('11 человек');
    expect(t('circle.badge', { stage: 'Фермер', category: 3 })).toBe('Фермер · К3');
  });

  it('agrees sprint targets and counts with their numbers', () => {
    const { t, locale } = createAppI18n('ru').global;
    expect(t('targetAmounts.DEALS_WON', { count: 1, value: '1' })).toBe('1 выигранная сделка');
    expect(t('targetAmounts.FIRST_ORDERS', { count: 2, value: '2' })).toBe('2 первых заказа');
    expect(t('targetAmounts.CALLS', { count: 40, value: '40' })).toBe('40 звонков');
    expect(t('sprints.card.progress', { done: '0', target: '1', unit: t('targetKinds.DEALS_WON', { count: 1 }) })).toBe('0 из 1 выигранной сделки');
    expect(t('sprints.card.progress', { done: '19', target: '25', unit: t('targetKinds.CALLS', { count: 25 }) })).toBe('19 из 25 звонков');
    expect(t('sprints.review.summary', { done: 8, count: 21 })).toBe('Сделано 8 из 21 процесса');
    expect(t('sprints.review.summary', { done: 8, count: 20 })).toBe('Сделано 8 из 20 процессов');
    locale.value = 'en';
    expect(t('targetAmounts.DEALS_WON', { count: 1, value: '1' })).toBe('1 deal won');
    expect(t('targetAmounts.CALLS', { count: 40, value: '40' })).toBe('40 calls');
    expect(t('sprints.card.progress', { done: '0', target: '1', unit: t('targetKinds.DEALS_WON', { count: 1 }) })).toBe('0 of 1 deal won');
    expect(t('sprints.review.summary', { done: 1, count: 1 })).toBe('1 of 1 process done');
  });

  it('agrees the rows of an import report with their number', () => {
    const { t, locale } = createAppI18n('ru').global;
    expect(t('analytics.import.summaryRows', { count: 1, rows: '1', seconds: '0,2' })).toBe('1 строка · 0,2 с');
    expect(t('analytics.import.summaryRows', { count: 4, rows: '4', seconds: '0' })).toBe('4 строки · 0 с');
    expect(t('analytics.import.summaryRows', { count: 8800, rows: '8 800', seconds: '3' })).toBe('8 800 строк · 3 с');
    expect(t('analytics.import.summary', { count: 2, rows: '2', pipeline: 'Maven CRM', seconds: '1' })).toBe('2 строки · воронка «Maven CRM» · 1 с');
    // The preview's last column is not a second "Строка" beside the line numbers.
    expect(t('analytics.import.csv.rowNotes')).not.toBe(t('analytics.import.columns.line'));
    locale.value = 'en';
    expect(t('analytics.import.summaryRows', { count: 1, rows: '1', seconds: '0.2' })).toBe('1 row · 0.2 s');
    expect(t('analytics.import.summary', { count: 2, rows: '2', pipeline: 'Maven CRM', seconds: '1' })).toBe('2 rows · pipeline «Maven CRM» · 1 s');
  });
});
