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
    members: ['lead', 'coach', 'rep', 'rep-nw', 'rep-south', 'rep-volga', 'rep-ural', 'rep-siberia', 'rep-fareast'],
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
