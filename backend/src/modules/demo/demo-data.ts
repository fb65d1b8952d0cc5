import type { Category, Role, StageRole } from '@salescircle/shared';

/** Every demo user signs in with this password (README, sign-in page hint). */
export const DEMO_PASSWORD = 'salescircle';
export const DEMO_ORGANIZATION = 'ЦифроОпт (демо)';

export interface DemoPerson {
  key: string;
  name: string;
  /** Present for people who sign in. */
  email?: string;
  role: Role;
  stageRole?: StageRole;
  category?: Category;
  locale?: 'ru' | 'en';
}

export interface DemoTeam {
  name: string;
  director: string;
  lead: string;
  coach: string;
  members: string[];
}

/**
 * The seed-002 wholesaler of digital equipment: dealer managers one per region, VIP
 * managers (Moscow, other regions), a government-sector manager, a telemarketing group of
 * prospectors, hunters, farmers and a key account manager, a lead per team and a coach.
 */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'director', name: 'Андрей Соколов', email: 'director@demo.local', role: 'DIRECTOR' },
  { key: 'lead', name: 'Ольга Лебедева', email: 'lead@demo.local', role: 'LEAD' },
  { key: 'lead2', name: 'Павел Волков', email: 'lead2@demo.local', role: 'LEAD' },
  { key: 'lead3', name: 'Виктор Козлов', email: 'lead3@demo.local', role: 'LEAD' },
  { key: 'coach', name: 'Марина Крылова', email: 'coach@demo.local', role: 'COACH', locale: 'en' },
  { key: 'rep', name: 'Иван Петров', email: 'rep@demo.local', role: 'SALES', stageRole: 'FARMER', category: 2 },
  { key: 'rep-nw', name: 'Дмитрий Смирнов', email: 'rep2@demo.local', role: 'SALES', stageRole: 'FARMER', category: 2 },
  { key: 'rep-south', name: 'Елена Кузнецова', email: 'rep3@demo.local', role: 'SALES', stageRole: 'FARMER', category: 2 },
  { key: 'rep-volga', name: 'Сергей Попов', email: 'rep4@demo.local', role: 'SALES', stageRole: 'FARMER', category: 3 },
  { key: 'rep-ural', name: 'Наталья Васильева', email: 'rep5@demo.local', role: 'SALES', stageRole: 'FARMER', category: 3 },
  { key: 'rep-siberia', name: 'Алексей Новиков', email: 'rep6@demo.local', role: 'SALES', stageRole: 'HUNTER', category: 2 },
  { key: 'rep-fareast', name: 'Татьяна Морозова', email: 'rep7@demo.local', role: 'SALES', stageRole: 'HUNTER', category: 3 },
  { key: 'vip-moscow', name: 'Анна Фёдорова', email: 'vip1@demo.local', role: 'SALES', stageRole: 'KEY_ACCOUNT', category: 1 },
  { key: 'vip-regions', name: 'Михаил Орлов', email: 'vip2@demo.local', role: 'SALES', stageRole: 'KEY_ACCOUNT', category: 1 },
  { key: 'gov-moscow', name: 'Юлия Зайцева', email: 'gov@demo.local', role: 'SALES', stageRole: 'FARMER', category: 1 },
  { key: 'hunter-1', name: 'Николай Егоров', email: 'hunter@demo.local', role: 'SALES', stageRole: 'HUNTER', category: 1 },
  { key: 'pm', name: 'Роман Андреев', email: 'pm@demo.local', role: 'SALES' },
  { key: 'tm-1', name: 'Кирилл Белов', role: 'SALES', stageRole: 'PROSPECTOR', category: 3 },
  { key: 'tm-2', name: 'Дарья Медведева', role: 'SALES', stageRole: 'PROSPECTOR', category: 3 },
  { key: 'tm-3', name: 'Артём Ершов', role: 'SALES', stageRole: 'PROSPECTOR', category: 3 },
  { key: 'tm-4', name: 'Полина Никитина', role: 'SALES', stageRole: 'PROSPECTOR', category: 3 },
];

export const DEMO_TEAMS: DemoTeam[] = [
  {
    name: 'Дилерские продажи',
    director: 'director',
    lead: 'lead',
    coach: 'coach',
    members: ['lead', 'coach', 'pm', 'rep', 'rep-nw', 'rep-south', 'rep-volga', 'rep-ural', 'rep-siberia', 'rep-fareast'],
  },
  {
    name: 'Ключевые и госклиенты',
    director: 'director',
    lead: 'lead2',
    coach: 'coach',
    members: ['lead2', 'coach', 'vip-moscow', 'vip-regions', 'gov-moscow', 'hunter-1'],
  },
  {
    name: 'Телемаркетинг',
    director: 'director',
    lead: 'lead3',
    coach: 'coach',
    members: ['lead3', 'coach', 'tm-1', 'tm-2', 'tm-3', 'tm-4'],
  },
];

export interface DemoLine {
  from: string;
  to: string;
  kind: 'REPORTS_TO' | 'COACHES' | 'MATRIX';
  scope?: string;
}

const dealerReps = ['rep', 'rep-nw', 'rep-south', 'rep-volga', 'rep-ural', 'rep-siberia', 'rep-fareast'];
const keyReps = ['vip-moscow', 'vip-regions', 'gov-moscow', 'hunter-1'];
const telemarketing = ['tm-1', 'tm-2', 'tm-3', 'tm-4'];

/** Lines: reps report to their lead, leads to the director; the coach coaches leads and reps and reports to no one in sales. */
export const DEMO_LINES: DemoLine[] = [
  ...dealerReps.map((from) => ({ from, to: 'lead', kind: 'REPORTS_TO' as const })),
  ...keyReps.map((from) => ({ from, to: 'lead2', kind: 'REPORTS_TO' as const })),
  ...telemarketing.map((from) => ({ from, to: 'lead3', kind: 'REPORTS_TO' as const })),
  { from: 'pm', to: 'director', kind: 'REPORTS_TO' },
  ...['lead', 'lead2', 'lead3'].map((from) => ({ from, to: 'director', kind: 'REPORTS_TO' as const })),
  ...['lead', 'lead2', 'lead3', ...dealerReps, ...keyReps].map((from) => ({ from, to: 'coach', kind: 'COACHES' as const })),
  ...['rep', 'rep-nw', 'rep-south'].map((from) => ({ from, to: 'pm', kind: 'MATRIX' as const, scope: 'Сетевое оборудование' })),
];

/** The product manager owns the network line across all reps; the VIP-regions key account manager is also the territory manager of the eastern regions (one person, two roles). */
export const DEMO_CROSS_ROLES: { member: string; kind: 'PRODUCT_MANAGER' | 'TERRITORY_MANAGER'; products: string[]; regions: string[] }[] = [
  { member: 'pm', kind: 'PRODUCT_MANAGER', products: ['Сетевое оборудование'], regions: [] },
  { member: 'vip-regions', kind: 'TERRITORY_MANAGER', products: [], regions: ['Урал', 'Сибирь', 'Дальний Восток'] },
];

/** Two telemarketing shifts of students (seed 000): 10:00-14:00 and 14:00-18:00 on weekdays. */
export const DEMO_SHIFTS: Record<string, { startsAt: string; endsAt: string }> = {
  'tm-1': { startsAt: '10:00', endsAt: '14:00' },
  'tm-2': { startsAt: '10:00', endsAt: '14:00' },
  'tm-3': { startsAt: '14:00', endsAt: '18:00' },
  'tm-4': { startsAt: '14:00', endsAt: '18:00' },
};

/** Absences relative to the day of seeding, so the demo always has someone away now. */
export const DEMO_ABSENCES = [
  { member: 'rep-ural', kind: 'VACATION' as const, fromDay: -3, toDay: 4, note: 'Отпуск' },
  { member: 'rep-fareast', kind: 'SICK_LEAVE' as const, fromDay: 10, toDay: 12, note: null },
];
