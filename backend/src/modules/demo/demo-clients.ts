import { completeInn, type Channel, type ClientStage, type HandoffCriterion, type OwnershipForm, type RoutingConditions } from '@salescircle/shared';

/** A small deterministic PRNG (mulberry32): the demo is the same on every machine. */
export function randomGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_REGIONS = ['Москва', 'Центр', 'Северо-Запад', 'Юг', 'Приволжье', 'Урал', 'Сибирь', 'Дальний Восток'] as const;
const INDUSTRIES = ['Розница', 'Телеком', 'Образование', 'Производство', 'Логистика', 'Банки', 'IT-интеграторы', 'Медицина'];
const CITIES: Record<string, string[]> = {
  Москва: ['Москва'],
  Центр: ['Тверь', 'Тула', 'Ярославль', 'Воронеж'],
  'Северо-Запад': ['Санкт-Петербург', 'Мурманск', 'Калининград'],
  Юг: ['Краснодар', 'Ростов-на-Дону', 'Волгоград'],
  Приволжье: ['Казань', 'Нижний Новгород', 'Самара'],
  Урал: ['Екатеринбург', 'Челябинск', 'Пермь'],
  Сибирь: ['Новосибирск', 'Красноярск', 'Омск'],
  'Дальний Восток': ['Владивосток', 'Хабаровск'],
};
const NAME_A = ['Альфа', 'Вектор', 'Гранит', 'Дельта', 'Импульс', 'Контур', 'Луч', 'Меридиан', 'Норд', 'Орион', 'Полюс', 'Ресурс', 'Сигма', 'Техно', 'Униум', 'Факел', 'Циркон', 'Эталон'];
const NAME_B = ['Трейд', 'Системс', 'Снаб', 'Сеть', 'Сервис', 'Групп', 'Инжиниринг', 'Маркет', 'Телеком', 'Девелопмент', 'Логистик', 'Софт'];
const FORMS = ['ООО', 'АО', 'ПАО'];

export const DEMO_PRODUCTS: { name: string; line: string; price: number }[] = [
  { name: 'Коммутатор SC-24', line: 'Сетевое оборудование', price: 42_000 },
  { name: 'Маршрутизатор SC-R5', line: 'Сетевое оборудование', price: 96_000 },
  { name: 'Точка доступа SC-AP', line: 'Сетевое оборудование', price: 18_500 },
  { name: 'Сервер SC-S1', line: 'Серверы', price: 640_000 },
  { name: 'Сервер SC-S2', line: 'Серверы', price: 1_150_000 },
  { name: 'СХД SC-Store 12', line: 'Системы хранения', price: 890_000 },
  { name: 'Диск 8 ТБ', line: 'Системы хранения', price: 31_000 },
  { name: 'Монитор 27"', line: 'Периферия', price: 27_900 },
  { name: 'МФУ лазерное', line: 'Периферия', price: 48_000 },
  { name: 'ИБП 3 кВА', line: 'Периферия', price: 76_000 },
];

export interface DemoClient {
  key: number;
  name: string;
  inn: string;
  region: string;
  city: string;
  industry: string;
  ownershipForm: OwnershipForm;
  channel: Channel;
  vip: boolean;
  annualPotential: number;
  category: 1 | 2 | 3;
  stage: ClientStage;
}

export interface DemoOrder {
  clientKey: number;
  orderedOn: string;
  lines: { product: number; quantity: number }[];
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function weighted<T>(random: () => number, entries: [T, number][]): T {
  let roll = random() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** The category from potential (director's thresholds: ≥ 30M → 1, ≥ 5M → 2, else 3). */
export function demoCategory(potential: number): 1 | 2 | 3 {
  return potential >= 30_000_000 ? 1 : potential >= 5_000_000 ? 2 : 3;
}

/**
 * ~2,000 clients across regions, industries, channels and ownership forms, and ~20,000
 * orders over the 18 months before `today`: enough history that some clients are due a
 * handoff under each criterion.
 */
export function generateDemoClients(today: string, count = 2_000, seed = 2026): { clients: DemoClient[]; orders: DemoOrder[] } {
  const random = randomGenerator(seed);
  const clients: DemoClient[] = [];
  const orders: DemoOrder[] = [];
  const end = new Date(`${today}T00:00:00Z`).getTime();
  const day = 86_400_000;
  for (let key = 0; key < count; key += 1) {
    const region = weighted(random, [
      ['Москва', 24],
      ['Центр', 12],
      ['Северо-Запад', 12],
      ['Юг', 11],
      ['Приволжье', 12],
      ['Урал', 10],
      ['Сибирь', 11],
      ['Дальний Восток', 8],
    ]);
    const ownershipForm = weighted<OwnershipForm>(random, [['COMMERCIAL', 80], ['GOVERNMENT', 15], ['PRIVATE_PERSON', 5]]);
    const potential = Math.round(Math.exp(13 + random() * 5.2) / 1000) * 1000; // ~0.45M … 80M
    const stage = weighted<ClientStage>(random, [['LEAD', 24], ['PROSPECT', 20], ['ACTIVE', 30], ['REGULAR', 18], ['STRATEGIC', 2], ['DORMANT', 4], ['LOST', 2]]);
    const person = ownershipForm === 'PRIVATE_PERSON';
    const name = person ? `ИП ${pick(random, ['Иванов', 'Кузьмин', 'Лебедев', 'Морозов', 'Никитин', 'Орлов', 'Павлов', 'Соколов'])} ${pick(random, ['А.', 'В.', 'Д.', 'Е.', 'С.'])}${pick(random, ['И.', 'П.', 'Н.'])}` : `${pick(random, FORMS)} «${pick(random, NAME_A)}${pick(random, NAME_B)}${key % 7 === 0 ? ` ${pick(random, CITIES[region])}` : ''}»`;
    const inn = person ? completeInn(String(5_000_000_000 + Math.floor(random() * 999_999_999)).slice(0, 10)) : completeInn(String(770_000_000 + Math.floor(random() * 99_999_999)).slice(0, 9));
    clients.push({
      key,
      name: `${name} #${key + 1}`,
      inn,
      region,
      city: pick(random, CITIES[region]),
      industry: ownershipForm === 'GOVERNMENT' ? 'Госсектор' : pick(random, INDUSTRIES),
      ownershipForm,
      channel: weighted<Channel>(random, [['DEALER', 55], ['RETAIL_CHAIN', 12], ['KEY_CLIENT', 8], ['DIRECT', 15], ['FRANCHISE', 6], ['OWN_NETWORK', 4]]),
      vip: stage !== 'LEAD' && random() < 0.05,
      annualPotential: potential,
      category: demoCategory(potential),
      stage,
    });
    const orderCount =
      stage === 'LEAD' ? 0 : stage === 'PROSPECT' ? weighted<number>(random, [[0, 50], [1, 30], [2, 15], [3, 5]]) : stage === 'ACTIVE' ? 4 + Math.floor(random() * 13) : stage === 'REGULAR' ? 20 + Math.floor(random() * 25) : stage === 'STRATEGIC' ? 36 + Math.floor(random() * 25) : 1 + Math.floor(random() * 5);
    const activeDays = stage === 'DORMANT' || stage === 'LOST' ? [180, 540] : stage === 'PROSPECT' ? [0, 120] : [0, 540];
    const monthlyScale = potential / 12;
    for (let i = 0; i < orderCount; i += 1) {
      const ago = activeDays[0] + Math.floor(random() * (activeDays[1] - activeDays[0]));
      const orderedOn = new Date(end - ago * day).toISOString().slice(0, 10);
      const lineCount = 1 + Math.floor(random() * 3);
      const lines: DemoOrder['lines'] = [];
      let budget = monthlyScale * (0.2 + random() * 0.9);
      for (let l = 0; l < lineCount; l += 1) {
        const product = weighted<number>(random, DEMO_PRODUCTS.map((p, idx) => [idx, p.price > 500_000 ? (potential > 5_000_000 ? 2 : 0.2) : 4]));
        const quantity = Math.max(1, Math.round(budget / lineCount / DEMO_PRODUCTS[product].price));
        budget -= quantity * DEMO_PRODUCTS[product].price;
        lines.push({ product, quantity });
      }
      orders.push({ clientKey: key, orderedOn, lines });
    }
  }
  return { clients, orders };
}

export interface DemoRoutingRule {
  name: string;
  conditions: RoutingConditions;
  member?: string;
  pool?: string[];
  strategy?: 'ROUND_ROBIN' | 'LEAST_LOADED' | 'BALANCED_POTENTIAL';
}

/** The article's split (seed 002): VIP Moscow, VIP other regions, government Moscow, dealers by region; plus the stage pools. */
export const DEMO_ROUTING_RULES: DemoRoutingRule[] = [
  { name: 'Холодная база → телемаркетинг', conditions: { stages: ['LEAD'] }, pool: ['tm-1', 'tm-2', 'tm-3', 'tm-4'], strategy: 'ROUND_ROBIN' },
  { name: 'Тёплые лиды → охотники', conditions: { stages: ['PROSPECT'] }, pool: ['rep-siberia', 'rep-fareast', 'hunter-1'], strategy: 'LEAST_LOADED' },
  { name: 'VIP Москва', conditions: { vip: true, regions: ['Москва'] }, member: 'vip-moscow' },
  { name: 'VIP регионы', conditions: { vip: true }, member: 'vip-regions' },
  { name: 'Госсектор Москва', conditions: { ownershipForms: ['GOVERNMENT'], regions: ['Москва'] }, member: 'gov-moscow' },
  { name: 'Ключевые клиенты', conditions: { stages: ['STRATEGIC'] }, pool: ['vip-moscow', 'vip-regions'], strategy: 'BALANCED_POTENTIAL' },
  { name: 'Дилеры: Москва и Центр', conditions: { regions: ['Москва', 'Центр'] }, member: 'rep' },
  { name: 'Дилеры: Северо-Запад', conditions: { regions: ['Северо-Запад'] }, member: 'rep-nw' },
  { name: 'Дилеры: Юг', conditions: { regions: ['Юг'] }, member: 'rep-south' },
  { name: 'Дилеры: Приволжье', conditions: { regions: ['Приволжье'] }, member: 'rep-volga' },
  { name: 'Дилеры: Урал', conditions: { regions: ['Урал'] }, member: 'rep-ural' },
  { name: 'Дилеры: Сибирь', conditions: { regions: ['Сибирь'] }, member: 'rep-siberia' },
  { name: 'Дилеры: Дальний Восток', conditions: { regions: ['Дальний Восток'] }, member: 'rep-fareast' },
];

/** Handoff rules with every criterion of the articles. */
export const DEMO_HANDOFF_RULES: { name: string; fromStage: ClientStage; toStage: ClientStage; combinator: 'ALL' | 'ANY'; criteria: HandoffCriterion[] }[] = [
  {
    name: 'Охотник → фермер: второй заказ или 1 млн',
    fromStage: 'PROSPECT',
    toStage: 'ACTIVE',
    combinator: 'ANY',
    criteria: [
      { kind: 'ORDER_COUNT', min: 2 },
      { kind: 'VOLUME', min: 1_000_000 },
    ],
  },
  {
    name: 'Постоянный: от 150 тыс. в месяц три месяца подряд',
    fromStage: 'ACTIVE',
    toStage: 'REGULAR',
    combinator: 'ALL',
    criteria: [{ kind: 'MIN_MONTHLY', min: 150_000, months: 3 }],
  },
  {
    name: 'Постоянный: купил серверы и сделал 5 заказов',
    fromStage: 'ACTIVE',
    toStage: 'REGULAR',
    combinator: 'ALL',
    criteria: [
      { kind: 'PRODUCT_PURCHASED', productLines: ['Серверы'] },
      { kind: 'ORDER_COUNT', min: 5 },
    ],
  },
  {
    name: 'Ключевой: потенциал от 50 млн или 20 млн за год',
    fromStage: 'REGULAR',
    toStage: 'STRATEGIC',
    combinator: 'ANY',
    criteria: [
      { kind: 'POTENTIAL', min: 50_000_000 },
      { kind: 'VOLUME', min: 20_000_000, windowDays: 365 },
    ],
  },
];
