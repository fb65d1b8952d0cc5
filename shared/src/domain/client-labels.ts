/**
 * A client's segment values and the clients export's columns as people read them, in Russian
 * and English: the app shows these words (frontend i18n reads them from here), the CSV export
 * writes them in the viewer's language, and the importer reads them back (CSV_ENUM_WORDS and
 * CSV_HEADER_SYNONYMS know every one: a test holds the round trip).
 */
import type { Channel, OwnershipForm } from './clients';
import type { ClientStage } from './roles';

export type LabelLocale = 'ru' | 'en';

/** The clients export's columns, in order, each with the client field it holds. */
export const CLIENT_EXPORT_COLUMNS = ['name', 'inn', 'region', 'city', 'industry', 'ownershipForm', 'channel', 'vip', 'annualPotential', 'currency', 'category', 'stage', 'owner'] as const;
export type ClientExportColumn = (typeof CLIENT_EXPORT_COLUMNS)[number];

export interface ClientLabels {
  stages: Record<ClientStage, string>;
  channels: Record<Channel, string>;
  ownershipForms: Record<OwnershipForm, string>;
  yes: string;
  no: string;
  columns: Record<ClientExportColumn, string>;
}

export const CLIENT_LABELS: Record<LabelLocale, ClientLabels> = {
  ru: {
    stages: { LEAD: 'Сырая база', PROSPECT: 'Тёплый лид', ACTIVE: 'Работающий', REGULAR: 'Постоянный', STRATEGIC: 'Ключевой', DORMANT: 'Спящий', LOST: 'Потерян' },
    channels: { DEALER: 'Дилеры', OWN_NETWORK: 'Собственная сеть', FRANCHISE: 'Франшиза', RETAIL_CHAIN: 'Розничные сети', KEY_CLIENT: 'Крупные клиенты', DIRECT: 'Прямые продажи' },
    ownershipForms: { COMMERCIAL: 'Коммерческая', GOVERNMENT: 'Государственная', PRIVATE_PERSON: 'Частное лицо' },
    yes: 'да',
    no: 'нет',
    columns: {
      name: 'Название',
      inn: 'ИНН',
      region: 'Регион',
      city: 'Город',
      industry: 'Отрасль',
      ownershipForm: 'Форма собственности',
      channel: 'Канал',
      vip: 'VIP',
      annualPotential: 'Годовой потенциал',
      currency: 'Валюта',
      category: 'Категория',
      stage: 'Этап',
      owner: 'Ответственный',
    },
  },
  en: {
    stages: { LEAD: 'Lead', PROSPECT: 'Prospect', ACTIVE: 'Active', REGULAR: 'Regular', STRATEGIC: 'Strategic', DORMANT: 'Dormant', LOST: 'Lost' },
    channels: { DEALER: 'Dealers', OWN_NETWORK: 'Own network', FRANCHISE: 'Franchise', RETAIL_CHAIN: 'Retail chains', KEY_CLIENT: 'Key clients', DIRECT: 'Direct sales' },
    ownershipForms: { COMMERCIAL: 'Commercial', GOVERNMENT: 'Government', PRIVATE_PERSON: 'Private person' },
    yes: 'yes',
    no: 'no',
    columns: {
      name: 'Name',
      inn: 'INN',
      region: 'Region',
      city: 'City',
      industry: 'Industry',
      ownershipForm: 'Ownership form',
      channel: 'Channel',
      vip: 'VIP',
      annualPotential: 'Annual potential',
      currency: 'Currency',
      category: 'Category',
      stage: 'Stage',
      owner: 'Owner',
    },
  },
};

/** The labels of a locale tag ("ru-RU", "en"); anything else reads English. */
export function clientLabels(locale: string | null | undefined): ClientLabels {
  return locale?.toLowerCase().startsWith('ru') ? CLIENT_LABELS.ru : CLIENT_LABELS.en;
}
