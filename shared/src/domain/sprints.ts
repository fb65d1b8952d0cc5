/** Sales sprints (seed 004): a lead runs 15-20 sales processes at once, spread over two weeks. */
export const SPRINT_STATUSES = ['PLANNED', 'ACTIVE', 'CLOSED'] as const;
export type SprintStatus = (typeof SPRINT_STATUSES)[number];

export const PROCESS_STATUSES = ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

export const PROCESS_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type ProcessPriority = (typeof PROCESS_PRIORITIES)[number];

/**
 * What a process's measurable target counts, and where progress comes from:
 * CALLS / MEETINGS: activities of that kind (on the linked clients, or by the owners when
 * nothing is linked) since the process started; FIRST_ORDERS: linked clients whose first
 * order ever falls after the start; ORDER_AMOUNT: roubles ordered by linked clients since
 * the start; DEALS_WON: linked deals won since the start; CUSTOM: counted by hand.
 */
export const TARGET_KINDS = ['CALLS', 'MEETINGS', 'FIRST_ORDERS', 'ORDER_AMOUNT', 'DEALS_WON', 'CUSTOM'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Work proposed from outside the lead's line (a product or territory manager) waits for the lead. */
export const APPROVAL_STATES = ['APPROVED', 'PENDING', 'REJECTED'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const REMINDER_KINDS = ['AT', 'BEFORE_DUE', 'RECURRING'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const NOTIFICATION_KINDS = ['REMINDER', 'OVERDUE', 'BLOCKED', 'APPROVAL_REQUESTED', 'APPROVED', 'REJECTED'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const PROCESS_EVENT_KINDS = [
  'CREATED',
  'MOVED',
  'UPDATED',
  'ADDED_TO_SPRINT',
  'REMOVED_FROM_SPRINT',
  'ROLLED_OVER',
  'STEP_CHECKED',
  'STEP_UNCHECKED',
  'PROGRESS_COUNTED',
  'WIP_OVERRIDE',
  'APPROVED',
  'REJECTED',
] as const;
export type ProcessEventKind = (typeof PROCESS_EVENT_KINDS)[number];

export const SPRINT_LIMITS = {
  titleMax: 200,
  descriptionMax: 5_000,
  notesMax: 20_000,
  stepsMax: 30,
  linksMax: 200,
  remindersPerProcessMax: 20,
  sprintDaysMax: 42,
  /** A team's default WIP limit: processes not done in the running sprint (seed 004: 15-20). */
  defaultTeamWip: 20,
  recurringDaysMax: 60,
} as const;

export interface ProcessTemplate {
  key: string;
  name: { ru: string; en: string };
  targetKind: TargetKind;
  targetValue: number;
  steps: { ru: string; en: string }[];
}

/** The built-in library; a lead adds more per organization. */
export const BUILTIN_PROCESS_TEMPLATES: readonly ProcessTemplate[] = [
  {
    key: 'cold-calls',
    name: { ru: 'Холодный обзвон сегмента', en: 'Cold-call campaign on a segment' },
    targetKind: 'CALLS',
    targetValue: 40,
    steps: [
      { ru: 'Выбрать сегмент и собрать список', en: 'Pick the segment and build the list' },
      { ru: 'Подготовить скрипт', en: 'Prepare the script' },
      { ru: 'Обзвонить список', en: 'Call the list' },
      { ru: 'Передать тёплые лиды хантерам', en: 'Hand warm leads to the hunters' },
    ],
  },
  {
    key: 'reactivation',
    name: { ru: 'Реактивация спящих клиентов', en: 'Reactivation of dormant clients' },
    targetKind: 'MEETINGS',
    targetValue: 6,
    steps: [
      { ru: 'Выгрузить клиентов без заказов 6+ месяцев', en: 'List clients without orders for 6+ months' },
      { ru: 'Позвонить и назначить встречи', en: 'Call and book meetings' },
      { ru: 'Сделать предложение', en: 'Make an offer' },
    ],
  },
  {
    key: 'upsell',
    name: { ru: 'Допродажа продуктовой линейки', en: 'Upsell of a product line' },
    targetKind: 'ORDER_AMOUNT',
    targetValue: 1_000_000,
    steps: [
      { ru: 'Выбрать клиентов без этой линейки', en: 'Pick clients without the line' },
      { ru: 'Согласовать условия с продакт-менеджером', en: 'Agree terms with the product manager' },
      { ru: 'Провести презентации', en: 'Run the presentations' },
    ],
  },
  {
    key: 'tender',
    name: { ru: 'Подготовка к тендеру', en: 'Tender preparation' },
    targetKind: 'DEALS_WON',
    targetValue: 1,
    steps: [
      { ru: 'Изучить документацию', en: 'Study the tender documents' },
      { ru: 'Собрать пакет документов', en: 'Assemble the documents' },
      { ru: 'Рассчитать цену', en: 'Price the bid' },
      { ru: 'Подать заявку', en: 'Submit the bid' },
    ],
  },
  {
    key: 'trade-show',
    name: { ru: 'Обработка контактов с выставки', en: 'Trade-show follow-up' },
    targetKind: 'FIRST_ORDERS',
    targetValue: 2,
    steps: [
      { ru: 'Внести контакты', en: 'Enter the contacts' },
      { ru: 'Отправить материалы', en: 'Send the materials' },
      { ru: 'Провести встречи', en: 'Hold the meetings' },
    ],
  },
];
