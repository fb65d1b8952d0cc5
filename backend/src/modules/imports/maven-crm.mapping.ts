import { MAVEN_CRM_COLUMNS, MAVEN_CRM_FILE_NAMES, NameMatcher, type DealStageKind, type MavenCrmFile } from '@salescircle/shared';
import { CsvError, parseCsv, recordObject, type CsvRecord } from './csv';
import { countNote as count, newRow, reject, type PlanNote, type RowReport } from './import-report';
import { KNOWN_COUNTRIES, KNOWN_INDUSTRIES } from './vocabulary';

export type { PlanNote, RowReport } from './import-report';

/**
 * The built-in mapping of the maven-crm sample (../shared/datasets/maven-crm): a pure
 * function from the four files' text to the records they stand for, with one report line
 * per input row. What the database already holds is compared later (imports.service).
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
      count(notes, `IGNORED_COLUMNS_${table.file}`, `${MAVEN_CRM_FILE_NAMES[table.file]}: columns not mapped, ignored: ${table.ignored.join(', ')}`, 0);
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
      reject(row, 'sales_agent is empty');
      continue;
    }
    row.externalId = externalIds.agent(v.sales_agent);
    const seen = agentLines.get(v.sales_agent);
    if (seen !== undefined) {
      reject(row, `sales_agent "${v.sales_agent}" is already on line ${seen}`);
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
      row.notes.push('no manager: imported without a reporting line');
      count(notes, 'AGENT_WITHOUT_MANAGER', 'agents without a manager: imported without a reporting line');
    }
    if (!office) {
      row.notes.push('no regional office: imported without a team');
      count(notes, 'AGENT_WITHOUT_OFFICE', 'agents without a regional office: imported without a team');
    }
    members.push({ externalId: row.externalId, name: v.sales_agent, role: 'SALES', team: office, managerExternalId: managerId, row });
  }
  members.push(...managers.values());
  for (const team of teams.values()) {
    if (team.managers.length > 1) {
      count(
        notes,
        `TEAM_MANAGERS_${team.name}`,
        `office ${team.name} has ${team.managers.length} managers (${team.managers.join(', ')}): team ${team.name} is led by ${team.managers[0]}; every agent reports to their own manager`,
        0,
      );
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
      reject(row, 'product is empty');
      continue;
    }
    row.externalId = externalIds.product(v.product);
    const seen = productLines.get(v.product);
    if (seen !== undefined) {
      reject(row, `product "${v.product}" is already on line ${seen}`);
      continue;
    }
    productLines.set(v.product, record.line);
    const price = v.sales_price === '' ? '0.00' : parseAmount(v.sales_price);
    if (price === null) {
      reject(row, `sales_price "${v.sales_price}" is not a non-negative number`);
      continue;
    }
    if (v.product.length > 300) reject(row, 'product is longer than 300 characters');
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
      reject(row, 'account is empty');
      continue;
    }
    row.externalId = externalIds.account(v.account);
    const seen = accountLines.get(v.account);
    if (seen !== undefined) {
      reject(row, `account "${v.account}" is already on line ${seen}`);
      continue;
    }
    accountLines.set(v.account, record.line);
    if (v.account.length > 300) reject(row, 'account is longer than 300 characters');
    const potential = v.revenue === '' ? '0.00' : parseAmount(v.revenue, 1_000_000);
    if (potential === null) reject(row, `revenue "${v.revenue}" is not a non-negative number (millions of USD)`);
    if (v.year_established !== '' && !/^\d{4}$/.test(v.year_established)) reject(row, `year_established "${v.year_established}" is not a year`);
    if (v.employees !== '' && !/^\d+$/.test(v.employees)) reject(row, `employees "${v.employees}" is not a whole number`);
    if (row.rejected) continue;

    let industry: string | null = v.sector || null;
    if (industry) {
      const match = industryMatcher.match(industry);
      if (match && match.kind !== 'EXACT') {
        row.reconciled.push(`sector ${industry} → ${match.name}`);
        count(notes, `RECONCILED_SECTOR_${industry}`, `reconciled sector ${industry} → ${match.name}`);
        industry = match.name;
      } else if (!match) {
        row.notes.push(`sector "${industry}" is not a known industry: kept as spelled`);
      }
    }
    let region: string | null = v.office_location || null;
    if (region) {
      const match = countryMatcher.match(region);
      if (match && match.kind !== 'EXACT') {
        row.reconciled.push(`office_location ${region} → ${match.name}`);
        count(notes, `RECONCILED_COUNTRY_${region}`, `reconciled office_location ${region} → ${match.name}`);
        region = match.name;
      } else if (!match) {
        row.notes.push(`office_location "${region}" is not a known country: kept as spelled`);
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
      client.row.notes.push(`subsidiary_of "${parent}" is not an account of accounts.csv: no parent link`);
      count(notes, 'UNKNOWN_PARENT', 'subsidiaries whose parent is not in accounts.csv: no parent link');
    } else if (match.name === client.name) {
      client.row.notes.push('subsidiary_of names the account itself: no parent link');
    } else {
      if (match.kind !== 'EXACT') client.row.reconciled.push(`subsidiary_of ${parent} → ${match.name}`);
      client.parentExternalId = externalIds.account(match.name);
      count(notes, 'SUBSIDIARIES', 'subsidiaries linked to their parent account');
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
      reject(row, 'opportunity_id is empty');
      continue;
    }
    row.externalId = externalIds.deal(v.opportunity_id);
    const seen = dealLines.get(v.opportunity_id);
    if (seen !== undefined) {
      reject(row, `opportunity_id "${v.opportunity_id}" is already on line ${seen}`);
      continue;
    }
    dealLines.set(v.opportunity_id, record.line);

    const stageMatch = stageMatcher.match(v.deal_stage);
    const stage = stageMatch ? MAVEN_STAGES.find((s) => s.name === stageMatch.name)! : null;
    if (!stage) reject(row, `deal_stage "${v.deal_stage}" is not one of ${MAVEN_STAGES.map((s) => s.name).join(', ')}`);
    else if (stageMatch!.kind !== 'EXACT') row.reconciled.push(`deal_stage ${v.deal_stage} → ${stage.name}`);

    const agent = v.sales_agent ? agentMatcher.match(v.sales_agent) : null;
    if (!v.sales_agent) reject(row, 'sales_agent is empty');
    else if (!agent) reject(row, `sales_agent "${v.sales_agent}" is not in sales_teams.csv`);
    else if (agent.kind !== 'EXACT') row.reconciled.push(`sales_agent ${v.sales_agent} → ${agent.name}`);

    const product = v.product ? productMatcher.match(v.product) : null;
    if (!v.product) reject(row, 'product is empty');
    else if (!product) reject(row, `product "${v.product}" is not in products.csv`);
    else if (product.kind !== 'EXACT') {
      row.reconciled.push(`product ${v.product} → ${product.name}`);
      count(notes, `RECONCILED_PRODUCT_${v.product}`, `reconciled ${v.product} → ${product.name}`);
    }

    let account: string | null = null;
    if (v.account) {
      const match = accountMatcher.match(v.account);
      if (!match) reject(row, `account "${v.account}" is not in accounts.csv`);
      else {
        if (match.kind !== 'EXACT') row.reconciled.push(`account ${v.account} → ${match.name}`);
        account = match.name;
      }
    }

    const engage = v.engage_date === '' ? null : parseDay(v.engage_date);
    const close = v.close_date === '' ? null : parseDay(v.close_date);
    if (v.engage_date !== '' && engage === null) reject(row, `engage_date "${v.engage_date}" is not a date (YYYY-MM-DD)`);
    if (v.close_date !== '' && close === null) reject(row, `close_date "${v.close_date}" is not a date (YYYY-MM-DD)`);
    if (engage && close && close < engage) reject(row, `close_date ${close} is before engage_date ${engage}`);
    const closedStage = stage !== null && stage.kind !== 'OPEN';
    let amount: string | null = null;
    if (v.close_value !== '') {
      amount = parseAmount(v.close_value);
      if (amount === null) reject(row, `close_value "${v.close_value}" is not a non-negative number`);
    }
    if (closedStage) {
      if (v.engage_date === '') reject(row, `a ${stage.name} deal needs engage_date`);
      if (v.close_date === '') reject(row, `a ${stage.name} deal needs close_date`);
      if (v.close_value === '' && stage.kind === 'WON') reject(row, 'a Won deal needs close_value');
    }
    if (row.rejected || !stage || !agent || !product) continue;

    const productPlan = productByName.get(product.name)!;
    if (!account) {
      row.notes.push(`${closedStage ? `${stage.name.toLowerCase()}` : 'open'} deal without an account: kept without a client`);
      count(
        notes,
        closedStage ? 'CLOSED_DEAL_WITHOUT_ACCOUNT' : 'OPEN_DEAL_WITHOUT_ACCOUNT',
        `${closedStage ? 'closed' : 'open'} deals without an account: kept, without a client`,
      );
    }
    if (!closedStage && close) {
      row.notes.push(`close_date ${close} of an open deal ignored`);
      count(notes, 'OPEN_DEAL_CLOSE_DATE', 'open deals with a close_date: the date is ignored until the deal closes');
    }
    if (amount === null) {
      if (stage.kind === 'OPEN') {
        amount = productPlan.price;
        count(notes, 'OPEN_AMOUNT_FROM_PRICE', "open deals without close_value: amount = the product's sales_price (expected value)");
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
    deal.row.notes.push(`no engage_date: started_on = ${asOf}, the export's last date`);
  }
  if (undated.length > 0) {
    count(notes, 'NO_ENGAGE_DATE', `open deals without engage_date: started_on = ${asOf}, the latest date in sales_pipeline.csv`, undated.length);
  }
  for (const deal of deals) deal.history = stageHistory(deal.stage, deal.startedOn, deal.closedOn);

  // ---- facts that need every file ----
  for (const member of members) {
    if (member.role === 'SALES' && !agentsWithDeals.has(member.name)) {
      member.row?.notes.push('no deals in sales_pipeline.csv: imported as a member');
      count(notes, 'AGENT_WITHOUT_DEALS', 'agents without deals: imported as members');
    }
  }
  for (const client of clients) {
    const dealt = dealsOfAccount.get(client.name);
    client.initialStage = dealt?.won ? 'ACTIVE' : dealt ? 'PROSPECT' : 'LEAD';
    if (!dealt) {
      client.row.notes.push('no deals in sales_pipeline.csv');
      count(notes, 'ACCOUNT_WITHOUT_DEALS', 'accounts without deals: imported as clients (stage LEAD)');
    }
  }
  for (const product of products) {
    if (!deals.some((d) => d.productExternalId === product.externalId)) {
      product.row.notes.push('no deals in sales_pipeline.csv');
      count(notes, 'PRODUCT_WITHOUT_DEALS', 'products without deals');
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
