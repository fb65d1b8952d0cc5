import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import { criteriaValueMessages, criterionMessage, groupByTransition, ordinal, type CriterionLike, type Message } from './handoff-criteria';

function say(locale: 'en' | 'ru') {
  const { t } = createAppI18n(locale).global;
  return (message: Message<Parameters<typeof t>[0] & string>) => t(message.key, message.named).replace(/[\u00a0\u202f]/g, ' ');
}

const sentence = (criterion: CriterionLike, locale: 'en' | 'ru') => say(locale)(criterionMessage(criterion, locale));

describe('handoff criteria as sentences', () => {
  it('says every criterion of the articles in English', () => {
    expect(sentence({ kind: 'ORDER_COUNT', min: 2 }, 'en')).toBe('2nd order or more');
    expect(sentence({ kind: 'ORDER_COUNT', min: 3 }, 'en')).toBe('3rd order or more');
    expect(sentence({ kind: 'VOLUME', min: 1_000_000, windowDays: 90 }, 'en')).toBe('≥ ₽1,000,000 in 90 days');
    expect(sentence({ kind: 'VOLUME', min: 1_000_000 }, 'en')).toBe('≥ ₽1,000,000 purchased in total');
    expect(sentence({ kind: 'PRODUCT_PURCHASED', productLines: ['Серверы'] }, 'en')).toBe('bought Серверы');
    expect(sentence({ kind: 'PRODUCT_PURCHASED', products: ['Сервер SC-S1'], productLines: ['Серверы', 'СХД'] }, 'en')).toBe('bought Сервер SC-S1, Серверы, or СХД');
    expect(sentence({ kind: 'MIN_MONTHLY', min: 150_000, months: 3 }, 'en')).toBe('smallest monthly purchase ≥ ₽150,000 for 3 months');
    expect(sentence({ kind: 'POTENTIAL', min: 50_000_000 }, 'en')).toBe('annual potential ≥ ₽50,000,000');
    expect(sentence({ kind: 'TELEPATHY' }, 'en')).toBe('criterion TELEPATHY');
  });

  it('says them in Russian with the Russian number format and plurals', () => {
    expect(sentence({ kind: 'ORDER_COUNT', min: 2 }, 'ru')).toBe('2-й заказ и более');
    expect(sentence({ kind: 'VOLUME', min: 1_000_000, windowDays: 90 }, 'ru')).toBe('≥ 1 000 000 ₽ за 90 дней');
    expect(sentence({ kind: 'VOLUME', min: 20_000_000, windowDays: 365 }, 'ru')).toBe('≥ 20 000 000 ₽ за 365 дней');
    expect(sentence({ kind: 'VOLUME', min: 1, windowDays: 21 }, 'ru')).toBe('≥ 1 ₽ за 21 день');
    expect(sentence({ kind: 'PRODUCT_PURCHASED', productLines: ['Серверы', 'СХД'] }, 'ru')).toBe('купил Серверы или СХД');
    expect(sentence({ kind: 'MIN_MONTHLY', min: 150_000, months: 3 }, 'ru')).toBe('минимальная месячная покупка ≥ 150 000 ₽ 3 месяца подряд');
    expect(sentence({ kind: 'POTENTIAL', min: 50_000_000 }, 'ru')).toBe('годовой потенциал ≥ 50 000 000 ₽');
  });

  it('makes English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((n) => ordinal(n, 'en'))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
    expect(ordinal(5, 'ru')).toBe('5-й');
  });
});

describe('criterion values that fired', () => {
  it('labels each stored value, with money formatted', () => {
    const en = say('en');
    const lines = criteriaValueMessages('{"orders":3,"volume":1200000,"volume365d":25000000,"purchased":"Сервер SC-S1","minMonthly3m":160000,"potential":51000000}', 'en').map(en);
    expect(lines).toEqual([
      'Orders: 3',
      'Purchases in total: ₽1,200,000',
      'Purchases in the last 365 days: ₽25,000,000',
      'Bought: Сервер SC-S1',
      'Smallest monthly purchase over 3 months: ₽160,000',
      'Annual potential: ₽51,000,000',
    ]);
    expect(criteriaValueMessages('{"minMonthly3m":160000}', 'ru').map(say('ru'))).toEqual(['Минимальная месячная покупка за 3 месяца: 160 000 ₽']);
  });

  it('shows unknown keys and text that is not JSON as they are', () => {
    const en = say('en');
    expect(criteriaValueMessages('{"weird":true}', 'en').map(en)).toEqual(['weird: true']);
    expect(criteriaValueMessages('not json', 'en').map(en)).toEqual(['not json']);
    expect(criteriaValueMessages('[1,2]', 'en').map(en)).toEqual(['[1,2]']);
    expect(criteriaValueMessages(null, 'en')).toEqual([]);
  });
});

describe('grouping by transition', () => {
  it('keeps the three life-cycle handoffs in order, empty or not, and adds others after', () => {
    const groups = groupByTransition([
      { id: 'a', fromStage: 'ACTIVE', toStage: 'REGULAR' },
      { id: 'b', fromStage: 'PROSPECT', toStage: 'ACTIVE' },
      { id: 'c', fromStage: 'ACTIVE', toStage: 'REGULAR' },
      { id: 'd', fromStage: 'LEAD', toStage: 'PROSPECT' },
    ] as const);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ['LEAD>PROSPECT', ['d']],
      ['PROSPECT>ACTIVE', ['b']],
      ['ACTIVE>REGULAR', ['a', 'c']],
      ['REGULAR>STRATEGIC', []],
    ]);
    expect(groupByTransition([], false)).toEqual([]);
  });
});
