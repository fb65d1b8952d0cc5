import { MAVEN_CRM_COLUMNS, MAVEN_CRM_FILE_NAMES, NameMatcher, mavenImportNote, mavenImportReason, type DealStageKind, type MavenCrmFile } from '@salescircle/shared';
import { CsvError, parseCsv, recordObject, type CsvRecord } from './csv';
import { countReason, newRow, note, reconcile, reject, type PlanNote, type RowReport } from './import-report';
import { KNOWN_COUNTRIES, KNOWN_INDUSTRIES } from './vocabulary';

export type { PlanNote, RowReport } from './import-report';

/**
 * The built-in mapping of the maven-crm sample (../shared/datasets/maven-crm): a pure
 * function from the four files' text to the records they stand for, with one report line
 * per input row. What the database already holds is compared later (imports.service).
 * Every reason of a row and note of a run has a stable code and its values (shared
 * describe-maven-import-reason), for a client to say it in its own language.
 *
 *   sales_teams.csv   agent → member (SALES), manager → member (LEAD), regional office → team
 *                     (its lead: the office's first manager), agent REPORTS_TO manager
 *   accounts.csv      account → client: sector → industry, office_location → region,
 *                     revenue (M USD) × 1,000,000 → annual_potential in USD, subsidiary_of → parent
 *   products.csv      product → product: series → product_line, sales_price → price (USD)
 *   sales_pipeline    opportunity → deal in the named pipeline with the file's stages
 *                     Prospecting/Engaging (OPEN), Won, Lost; engage_date → started_on,
 *                     close_date → closed_on, close_value → amount, and the stage history
 */

export const MAVEN_NAMESPACE = 'maven';

export interface MavenCrmTexts {
  salesTeams: string;
  accounts: string;
  products: string;
  salesPipeline: string;
}

export const MAVEN_TEXT_KEYS: Record<MavenCrmFile, keyof MavenCrmTexts> = {
  SALES_TEAMS: 'salesTeams',
  ACCOUNTS: 'accounts',
  PRODUCTS: 'products',
  SALES_PIPELINE: 'salesPipeline',
};

/** The stages the sample's deals move through, in order; probabilities are the weighted-pipeline defaults. */
export const MAVEN_STAGES: readonly { name: string; kind: DealStageKind; probability: number }[] = [
  { name: 'Prospecting', kind: 'OPEN', probability: 0.2 },
  { name: 'Engaging', kind: 'OPEN', probability: 0.6 },
  { name: 'Won', kind: 'WON', probability: 1 },
  { name: 'Lost', kind: 'LOST', probability: 0 },
];

/** A whole file cannot be read (missing, empty, bad header, broken quoting): nothing is imported. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';

  constructor(
    readonly file: MavenCrmFile,
    message: string,
    /** What is wrong and the values it names (a line, the columns), for a client to say what to fix (extensions.params, with the file's name). */
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${MAVEN_CRM_FILE_NAMES[file]}: ${message}`);
  }
}

export interface PlannedMember {
  externalId: string;
  name: string;
  role: 'SALES' | 'LEAD';
  team: string | null;
  managerExternalId: string | null;
  row: RowReport | null;
}

export interface PlannedTeam {
  name: string;
  leadExternalId: string | null;
}

export interface PlannedClient {
  externalId: string;
  name: string;
  industry: string | null;
  region: string | null;
  /** numeric text, 2 decimals, USD */
  annualPotential: string;
  notes: string | null;
  parentExternalId: string | null;
  /** Only for new clients: ACTIVE with a won deal, PROSPECT with any deal, else LEAD. */
  initialStage: 'LEAD' | 'PROSPECT' | 'ACTIVE';
  row: RowReport;
}

export interface PlannedProduct {
  externalId: string;
  name: string;
  productLine: string;
  price: string;
  row: RowReport;
}

export interface PlannedStageVisit {
  stage: string;
  /** YYYY-MM-DD, entered at midnight UTC */
  enteredOn: string;
  leftOn: string | null;
}

export interface PlannedDeal {
  externalId: string;
  title: string;
  stage: string;
  ownerExternalId: string;
  clientExternalId: string | null;
  productExternalId: string;
  amount: string;
  startedOn: string;
  closedOn: string | null;
  history: PlannedStageVisit[];
  row: RowReport;
}

export interface MavenPlan {
  members: PlannedMember[];
  teams: PlannedTeam[];
  clients: PlannedClient[];
  products: PlannedProduct[];
  deals: PlannedDeal[];
  /** Every input row, per file in file order. */
  rows: Record<MavenCrmFile, RowReport[]>;
  notes: PlanNote[];
  /** The export's last date (the latest engage or close date), used where a date is missing. */
  asOf: string;
}

export const externalIds = {
  agent: (name: string) => `${MAVEN_NAMESPACE}:agent:${name}`,
  manager: (name: string) => `${MAVEN_NAMESPACE}:manager:${name}`,
  account: (name: string) => `${MAVEN_NAMESPACE}:account:${name}`,
  product: (name: string) => `${MAVEN_NAMESPACE}:product:${name}`,
  deal: (id: string) => `${MAVEN_NAMESPACE}:deal:${id}`,
};

interface Table {
  file: MavenCrmFile;
  header: string[];
  records: CsvRecord[];
  ignored: string[];
}

function readTable(file: MavenCrmFile, text: string): Table {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(file, error.message, { problem: error.kind, line: error.line });
    throw error;
  }
  const expected = MAVEN_CRM_COLUMNS[file];
  if (parsed.header.length === 0) throw new ImportFileError(file, `is empty; expected a header line with the columns ${expected.join(', ')}`, { problem: 'EMPTY_HEADER', expected: expected.join(', ') });
  const header = parsed.header.map((h) => h.toLowerCase());
  const missing = expected.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new ImportFileError(
      file,
      `the header lacks ${missing.join(', ')}; expected the columns ${expected.join(', ')} (found ${parsed.header.join(', ') || 'nothing'})`,
      { problem: 'MISSING_COLUMNS', columns: missing.join(', '), expected: expected.join(', ') },
    );
  }
  const duplicated = header.filter((h, i) => header.indexOf(h) !== i);
  if (duplicated.length > 0) throw new ImportFileError(file, `the header names ${duplicated.join(', ')} twice`, { problem: 'HEADER_COLUMN_REPEATED', column: duplicated.join(', ') });
  return { file, header, records: parsed.records, ignored: parsed.header.filter((h) => !expected.includes(h.toLowerCase())) };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD, or null. */
export function parseDay(value: string): string | null {
  const m = DAY.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value ? value : null;
}

/** A non-negative decimal (dot as separator) as numeric text with 2 decimals, or null. */
export function parseAmount(value: string, scale = 1): string | null {
  if (!/^\d+(\.\d+)?$/.test(value)) return null;
  const cents = Math.round(Number(value) * 100);
  if (!Number.isSafeInteger(cents * scale)) return null;
  const total = cents * scale;
  return `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
}

/** Reads and maps the four files. Throws ImportFileError for an unreadable file; row problems are reported per row. */
export function planMavenImport(texts: MavenCrmTexts, today: string): MavenPlan {
  const tables = {
    SALES_TEAMS: readTable('SALES_TEAMS', texts.salesTeams),
    ACCOUNTS: readTable('ACCOUNTS', texts.accounts),
    PRODUCTS: readTable('PRODUCTS', texts.products),
    SALES_PIPELINE: readTable('SALES_PIPELINE', texts.salesPipeline),
  } satisfies Record<MavenCrmFile, Table>;
  const notes = new Map<string, PlanNote>();
  for (const table of Object.values(tables)) {
    if (table.ignored.length > 0) {
      countReason(notes, mavenImportNote('IGNORED_FILE_COLUMNS', { file: MAVEN_CRM_FILE_NAMES[table.file], columns: table.ignored.join(', ') }), 0);
    }
  }
  const rows: Record<MavenCrmFile, RowReport[]> = { SALES_TEAMS: [], ACCOUNTS: [], PRODUCTS: [], SALES_PIPELINE: [] };
  const get = (table: Table, record: CsvRecord) => {
    const values = recordObject(table.header, record);
    for (const key of Object.keys(values)) values[key] = values[key].trim();
    return values;
  };

  // ---- sales_teams.csv: agents, managers, offices ----
  const members: PlannedMember[] = [];
  const managers = new Map<string, PlannedMember>();
  const teams = new Map<string, PlannedTeam & { managers: string[] }>();
  const agentLines = new Map<string, number>();
  for (const record of tables.SALES_TEAMS.records) {
    const v = get(tables.SALES_TEAMS, record);
    const row = newRow('SALES_TEAMS', record.line);
    rows.SALES_TEAMS.push(row);
    if (!v.sales_agent) {
      reject(row, mavenImportReason('COLUMN_EMPTY', { column: 'sales_agent' }));
      continue;
    }
    row.externalId = externalIds.agent(v.sales_agent);
    const seen = agentLines.get(v.sales_agent);
    if (seen !== undefined) {
      reject(row, mavenImportReason('REPEATED_KEY', { column: 'sales_agent', value: v.sales_agent, line: seen }));
      continue;
    }
    agentLines.set(v.sales_agent, record.line);
    const office = v.regional_office || null;
    if (office && !teams.has(office)) teams.set(office, { name: office, leadExternalId: null, managers: [] });
    let managerId: string | null = null;
    if (v.manager) {
      managerId = externalIds.manager(v.manager);
      if (!managers.has(v.manager)) {
        const manager: PlannedMember = { externalId: managerId, name: v.manager, role: 'LEAD', team: office, managerExternalId: null, row: null };
        managers.set(v.manager, manager);
        if (office) {
          const team = teams.get(office)!;
          team.managers.push(v.manager);
          team.leadExternalId ??= managerId;
        }
      }
    } else {
      note(row, mavenImportReason('NO_MANAGER', {}));
      countReason(notes, mavenImportNote('AGENT_WITHOUT_MANAGER', {}));
    }
    if (!office) {
      note(row, mavenImportReason('NO_REGIONAL_OFFICE', {}));
      countReason(notes, mavenImportNote('AGENT_WITHOUT_OFFICE', {}));
    }
    members.push({ externalId: row.externalId, name: v.sales_agent, role: 'SALES', team: office, managerExternalId: managerId, row });
  }
  members.push(...managers.values());
  for (const team of teams.values()) {
    if (team.managers.length > 1) {
      countReason(notes, mavenImportNote('TEAM_MANAGERS', { team: team.name, count: team.managers.length, managers: team.managers.join(', '), lead: team.managers[0]! }), 0);
    }
  }
  const agentMatcher = new NameMatcher(agentLines.keys());

  // ---- products.csv ----
  const products: PlannedProduct[] = [];
  const productLines = new Map<string, number>();
  for (const record of tables.PRODUCTS.records) {
    const v = get(tables.PRODUCTS, record);
    const row = newRow('PRODUCTS', record.line);
    rows.PRODUCTS.push(row);
    if (!v.product) {
      reject(row, mavenImportReason('COLUMN_EMPTY', { column: 'product' }));
      continue;
    }
    row.externalId = externalIds.product(v.product);
    const seen = productLines.get(v.product);
    if (seen !== undefined) {
      reject(row, mavenImportReason('REPEATED_KEY', { column: 'product', value: v.product, line: seen }));
      continue;
    }
    productLines.set(v.product, record.line);
    const price = v.sales_price === '' ? '0.00' : parseAmount(v.sales_price);
    if (price === null) {
      reject(row, mavenImportReason('NOT_A_NON_NEGATIVE_NUMBER', { column: 'sales_price', value: v.sales_price }));
      continue;
    }
    if (v.product.length > 300) reject(row, mavenImportReason('NAME_TOO_LONG', { column: 'product', max: 300 }));
    else products.push({ externalId: row.externalId, name: v.product, productLine: v.series, price, row });
  }
  const productMatcher = new NameMatcher(products.map((p) => p.name));
  const productByName = new Map(products.map((p) => [p.name, p]));

  // ---- accounts.csv (parents resolved after all are read) ----
  const clients: PlannedClient[] = [];
  const accountLines = new Map<string, number>();
  const industryMatcher = new NameMatcher(KNOWN_INDUSTRIES, { fuzzy: true });
  const countryMatcher = new NameMatcher(KNOWN_COUNTRIES, { fuzzy: true });
  const parents: { client: PlannedClient; parent: string }[] = [];
  for (const record of tables.ACCOUNTS.records) {
    const v = get(tables.ACCOUNTS, record);
    const row = newRow('ACCOUNTS', record.line);
    rows.ACCOUNTS.push(row);
    if (!v.account) {
      reject(row, mavenImportReason('COLUMN_EMPTY', { column: 'account' }));
      continue;
    }
    row.externalId = externalIds.account(v.account);
    const seen = accountLines.get(v.account);
    if (seen !== undefined) {
      reject(row, mavenImportReason('REPEATED_KEY', { column: 'account', value: v.account, line: seen }));
      continue;
    }
    accountLines.set(v.account, record.line);
    if (v.account.length > 300) reject(row, mavenImportReason('NAME_TOO_LONG', { column: 'account', max: 300 }));
    const potential = v.revenue === '' ? '0.00' : parseAmount(v.revenue, 1_000_000);
    if (potential === null) reject(row, mavenImportReason('REVENUE_NOT_A_NUMBER', { column: 'revenue', value: v.revenue }));
    if (v.year_established !== '' && !/^\d{4}$/.test(v.year_established)) reject(row, mavenImportReason('NOT_A_YEAR', { column: 'year_established', value: v.year_established }));
    if (v.employees !== '' && !/^\d+$/.test(v.employees)) reject(row, mavenImportReason('NOT_A_WHOLE_NUMBER', { column: 'employees', value: v.employees }));
    if (row.rejected) continue;

    let industry: string | null = v.sector || null;
    if (industry) {
      const match = industryMatcher.match(industry);
      if (match && match.kind !== 'EXACT') {
        reconcile(row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'sector', value: industry, match: match.name }));
        countReason(notes, mavenImportNote('RECONCILED_SECTOR', { from: industry, to: match.name }));
        industry = match.name;
      } else if (!match) {
        note(row, mavenImportReason('UNKNOWN_SECTOR', { value: industry }));
      }
    }
    let region: string | null = v.office_location || null;
    if (region) {
      const match = countryMatcher.match(region);
      if (match && match.kind !== 'EXACT') {
        reconcile(row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'office_location', value: region, match: match.name }));
        countReason(notes, mavenImportNote('RECONCILED_COUNTRY', { from: region, to: match.name }));
        region = match.name;
      } else if (!match) {
        note(row, mavenImportReason('UNKNOWN_COUNTRY', { value: region }));
      }
    }
    const facts = [v.year_established && `Established ${v.year_established}`, v.employees && `${v.employees} employees`].filter(Boolean);
    const client: PlannedClient = {
      externalId: row.externalId,
      name: v.account,
      industry,
      region,
      annualPotential: potential!,
      notes: facts.length > 0 ? `${facts.join('; ')} (maven-crm import)` : null,
      parentExternalId: null,
      initialStage: 'LEAD',
      row,
    };
    clients.push(client);
    if (v.subsidiary_of) parents.push({ client, parent: v.subsidiary_of });
  }
  const accountMatcher = new NameMatcher(clients.map((c) => c.name));
  for (const { client, parent } of parents) {
    const match = accountMatcher.match(parent);
    if (!match) {
      note(client.row, mavenImportReason('PARENT_NOT_AN_ACCOUNT', { value: parent }));
      countReason(notes, mavenImportNote('UNKNOWN_PARENT', {}));
    } else if (match.name === client.name) {
      note(client.row, mavenImportReason('PARENT_IS_ITSELF', {}));
    } else {
      if (match.kind !== 'EXACT') reconcile(client.row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'subsidiary_of', value: parent, match: match.name }));
      client.parentExternalId = externalIds.account(match.name);
      countReason(notes, mavenImportNote('SUBSIDIARIES', {}));
    }
  }

  // ---- sales_pipeline.csv ----
  const stageMatcher = new NameMatcher(MAVEN_STAGES.map((s) => s.name));
  const deals: PlannedDeal[] = [];
  const dealLines = new Map<string, number>();
  const agentsWithDeals = new Set<string>();
  const dealsOfAccount = new Map<string, { won: boolean }>();
  let asOf = '';
  const undated: PlannedDeal[] = [];
  for (const record of tables.SALES_PIPELINE.records) {
    const v = get(tables.SALES_PIPELINE, record);
    const row = newRow('SALES_PIPELINE', record.line);
    rows.SALES_PIPELINE.push(row);
    if (!v.opportunity_id) {
      reject(row, mavenImportReason('COLUMN_EMPTY', { column: 'opportunity_id' }));
      continue;
    }
    row.externalId = externalIds.deal(v.opportunity_id);
    const seen = dealLines.get(v.opportunity_id);
    if (seen !== undefined) {
      reject(row, mavenImportReason('REPEATED_KEY', { column: 'opportunity_id', value: v.opportunity_id, line: seen }));
      continue;
    }
    dealLines.set(v.opportunity_id, record.line);

    const stageMatch = stageMatcher.match(v.deal_stage);
    const stage = stageMatch ? MAVEN_STAGES.find((s) => s.name === stageMatch.name)! : null;
    if (!stage) reject(row, mavenImportReason('UNKNOWN_DEAL_STAGE', { column: 'deal_stage', value: v.deal_stage, stages: MAVEN_STAGES.map((s) => s.name).join(', ') }));
    else if (stageMatch!.kind !== 'EXACT') reconcile(row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'deal_stage', value: v.deal_stage, match: stage.name }));

    const agent = v.sales_agent ? agentMatcher.match(v.sales_agent) : null;
    if (!v.sales_agent) reject(row, mavenImportReason('COLUMN_EMPTY', { column: 'sales_agent' }));
    else if (!agent) reject(row, mavenImportReason('NOT_IN_FILE', { column: 'sales_agent', value: v.sales_agent, file: MAVEN_CRM_FILE_NAMES.SALES_TEAMS }));
    else if (agent.kind !== 'EXACT') reconcile(row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'sales_agent', value: v.sales_agent, match: agent.name }));

    const product = v.product ? productMatcher.match(v.product) : null;
    if (!v.product) reject(row, mavenImportReason('COLUMN_EMPTY', { column: 'product' }));
    else if (!product) reject(row, mavenImportReason('NOT_IN_FILE', { column: 'product', value: v.product, file: MAVEN_CRM_FILE_NAMES.PRODUCTS }));
    else if (product.kind !== 'EXACT') {
      reconcile(row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'product', value: v.product, match: product.name }));
      countReason(notes, mavenImportNote('RECONCILED_PRODUCT', { from: v.product, to: product.name }));
    }

    let account: string | null = null;
    if (v.account) {
      const match = accountMatcher.match(v.account);
      if (!match) reject(row, mavenImportReason('NOT_IN_FILE', { column: 'account', value: v.account, file: MAVEN_CRM_FILE_NAMES.ACCOUNTS }));
      else {
        if (match.kind !== 'EXACT') reconcile(row, mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'account', value: v.account, match: match.name }));
        account = match.name;
      }
    }

    const engage = v.engage_date === '' ? null : parseDay(v.engage_date);
    const close = v.close_date === '' ? null : parseDay(v.close_date);
    if (v.engage_date !== '' && engage === null) reject(row, mavenImportReason('NOT_A_DAY', { column: 'engage_date', value: v.engage_date }));
    if (v.close_date !== '' && close === null) reject(row, mavenImportReason('NOT_A_DAY', { column: 'close_date', value: v.close_date }));
    if (engage && close && close < engage) reject(row, mavenImportReason('CLOSED_BEFORE_ENGAGED', { closedOn: close, engagedOn: engage }));
    const closedStage = stage !== null && stage.kind !== 'OPEN';
    let amount: string | null = null;
    if (v.close_value !== '') {
      amount = parseAmount(v.close_value);
      if (amount === null) reject(row, mavenImportReason('NOT_A_NON_NEGATIVE_NUMBER', { column: 'close_value', value: v.close_value }));
    }
    if (closedStage) {
      if (v.engage_date === '') reject(row, mavenImportReason('CLOSED_DEAL_NEEDS', { stage: stage.name, column: 'engage_date' }));
      if (v.close_date === '') reject(row, mavenImportReason('CLOSED_DEAL_NEEDS', { stage: stage.name, column: 'close_date' }));
      if (v.close_value === '' && stage.kind === 'WON') reject(row, mavenImportReason('CLOSED_DEAL_NEEDS', { stage: stage.name, column: 'close_value' }));
    }
    if (row.rejected || !stage || !agent || !product) continue;

    const productPlan = productByName.get(product.name)!;
    if (!account) {
      note(row, mavenImportReason('DEAL_WITHOUT_ACCOUNT', { stageKind: stage.kind }));
      countReason(notes, mavenImportNote(closedStage ? 'CLOSED_DEAL_WITHOUT_ACCOUNT' : 'OPEN_DEAL_WITHOUT_ACCOUNT', {}));
    }
    if (!closedStage && close) {
      note(row, mavenImportReason('OPEN_DEAL_CLOSE_DATE_IGNORED', { closedOn: close }));
      countReason(notes, mavenImportNote('OPEN_DEAL_CLOSE_DATE', {}));
    }
    if (amount === null) {
      if (stage.kind === 'OPEN') {
        amount = productPlan.price;
        countReason(notes, mavenImportNote('OPEN_AMOUNT_FROM_PRICE', {}));
      } else {
        amount = '0.00';
      }
    }
    for (const d of [engage, close]) if (d && d > asOf) asOf = d;
    agentsWithDeals.add(agent.name);
    if (account) {
      const seenAccount = dealsOfAccount.get(account) ?? { won: false };
      seenAccount.won ||= stage.kind === 'WON';
      dealsOfAccount.set(account, seenAccount);
    }
    const deal: PlannedDeal = {
      externalId: row.externalId,
      title: `${product.name} · ${account ?? 'no account'}`,
      stage: stage.name,
      ownerExternalId: externalIds.agent(agent.name),
      clientExternalId: account ? externalIds.account(account) : null,
      productExternalId: productPlan.externalId,
      amount,
      startedOn: engage ?? '',
      closedOn: closedStage ? close : null,
      history: [],
      row,
    };
    deals.push(deal);
    if (!engage) undated.push(deal);
  }
  if (asOf === '') asOf = today;
  for (const deal of undated) {
    deal.startedOn = asOf;
    note(deal.row, mavenImportReason('STARTED_ON_LAST_DATE', { day: asOf }));
  }
  if (undated.length > 0) {
    countReason(notes, mavenImportNote('NO_ENGAGE_DATE', { day: asOf }), undated.length);
  }
  for (const deal of deals) deal.history = stageHistory(deal.stage, deal.startedOn, deal.closedOn);

  // ---- facts that need every file ----
  for (const member of members) {
    if (member.role === 'SALES' && !agentsWithDeals.has(member.name)) {
      if (member.row) note(member.row, mavenImportReason('NO_DEALS_MEMBER', {}));
      countReason(notes, mavenImportNote('AGENT_WITHOUT_DEALS', {}));
    }
  }
  for (const client of clients) {
    const dealt = dealsOfAccount.get(client.name);
    client.initialStage = dealt?.won ? 'ACTIVE' : dealt ? 'PROSPECT' : 'LEAD';
    if (!dealt) {
      note(client.row, mavenImportReason('NO_DEALS', {}));
      countReason(notes, mavenImportNote('ACCOUNT_WITHOUT_DEALS', {}));
    }
  }
  for (const product of products) {
    if (!deals.some((d) => d.productExternalId === product.externalId)) {
      note(product.row, mavenImportReason('NO_DEALS', {}));
      countReason(notes, mavenImportNote('PRODUCT_WITHOUT_DEALS', {}));
    }
  }

  return {
    members,
    teams: [...teams.values()].map(({ name, leadExternalId }) => ({ name, leadExternalId })),
    clients,
    products,
    deals,
    rows,
    notes: [...notes.values()],
    asOf,
  };
}

/**
 * The stages a deal went through, as far as the file tells: every deal starts in
 * Prospecting; an engaged deal entered Engaging on its engage_date (its time in
 * Prospecting before that is unknown, so recorded as none); a closed deal left Engaging
 * for Won or Lost on its close_date.
 */
export function stageHistory(stage: string, startedOn: string, closedOn: string | null): PlannedStageVisit[] {
  if (stage === 'Prospecting') return [{ stage: 'Prospecting', enteredOn: startedOn, leftOn: null }];
  const engaged: PlannedStageVisit[] = [{ stage: 'Prospecting', enteredOn: startedOn, leftOn: startedOn }];
  if (stage === 'Engaging') return [...engaged, { stage: 'Engaging', enteredOn: startedOn, leftOn: null }];
  const end = closedOn ?? startedOn;
  return [...engaged, { stage: 'Engaging', enteredOn: startedOn, leftOn: end }, { stage, enteredOn: end, leftOn: null }];
}
