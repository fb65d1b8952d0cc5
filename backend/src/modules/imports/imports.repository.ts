import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface ExistingMember {
  id: string;
  externalId: string;
  name: string;
  role: string;
}

export interface ExistingTeam {
  id: string;
  name: string;
  leadId: string | null;
}

/** A client row as an import compares and writes it (every column an import may set). */
export interface ClientRow {
  externalId: string;
  name: string;
  inn: string | null;
  region: string | null;
  city: string | null;
  industry: string | null;
  ownershipForm: string | null;
  channel: string | null;
  vip: boolean;
  /** numeric text, 2 decimals */
  annualPotential: string;
  currency: string;
  category: number | null;
  categoryManual: boolean;
  stage: string;
  ownerMemberId: string | null;
  hunterMemberId: string | null;
  notes: string | null;
  parentClientId: string | null;
}

export interface ExistingClient extends Omit<ClientRow, 'externalId'> {
  id: string;
  /** null for a client made in the app (a CSV import may adopt it by INN or name) */
  externalId: string | null;
}

/** A new client: what the maven-crm import does not know stays at the table's defaults. */
export type ClientInsert = Pick<ClientRow, 'externalId' | 'name' | 'industry' | 'region' | 'annualPotential' | 'currency' | 'stage' | 'notes'> & Partial<ClientRow>;

export interface ExistingProduct {
  id: string;
  externalId: string | null;
  name: string;
  productLine: string;
  price: string;
  currency: string;
}

export interface ExistingDeal extends DealWrite {
  id: string;
}

/** One stage visit; timestamps as 'YYYY-MM-DD HH:MI:SS' in UTC. */
export interface StageVisitRow {
  dealId: string;
  stageId: string;
  enteredAt: string;
  leftAt: string | null;
}

export interface DealWrite {
  externalId: string;
  clientId: string | null;
  ownerMemberId: string | null;
  pipelineId: string;
  stageId: string;
  title: string;
  amount: string;
  currency: string;
  productId: string | null;
  startedOn: string;
  closedOn: string | null;
  expectedCloseOn: string | null;
  lostReason: string | null;
}

export interface ActivityWrite {
  externalId: string;
  kind: string;
  /** wall-clock "YYYY-MM-DD HH:MI:SS" in the organization's time zone */
  at: string;
  ownerMemberId: string | null;
  clientId: string | null;
  dealId: string | null;
  outcome: string | null;
}

export interface ExistingActivity extends ActivityWrite {
  id: string;
}

/** A member an import may name as an owner: by name or e-mail (the member's, else their user's). */
export interface ImportMember {
  id: string;
  name: string;
  email: string | null;
  active: boolean;
}

export type ImportRunKind = 'MAVEN_CRM' | 'CSV_CLIENTS' | 'CSV_DEALS' | 'CSV_ACTIVITIES';

export interface ImportRunWrite {
  organizationId: string;
  kind: ImportRunKind;
  source: string;
  pipelineId: string | null;
  status: 'APPLIED' | 'FAILED';
  counts: unknown;
  report: unknown;
  actorUserId: string | null;
  startedAt: Date;
  durationMs: number;
}

/**
 * The SQL of the import: reads what earlier runs wrote (by external id) and writes in bulk,
 * one statement per table and kind of change, inside the run's one transaction.
 */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One run per organization at a time, and none while the circle is being changed (the
   * import adds members, teams and reporting lines): the circle's lock is taken too.
   */
  async lockOrganization(tx: EntityManager, organizationId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('import:' || $1::text))`, [organizationId]);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('circle:' || $1::text))`, [organizationId]);
  }

  // ---- organizations (the CLI chooses one) ----

  async organizations(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM organization ORDER BY created_at, id`);
  }

  async insertOrganization(name: string): Promise<{ id: string; name: string }> {
    const [row]: { id: string; name: string }[] = await this.dataSource.query(`INSERT INTO organization (name) VALUES ($1) RETURNING id, name`, [name]);
    return row;
  }

  /** Undoes insertOrganization when the run that needed it wrote nothing (a dry or failed run). */
  async deleteEmptyOrganization(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM organization o WHERE o.id = $1 AND NOT EXISTS (SELECT 1 FROM member m WHERE m.organization_id = o.id)`, [id]);
  }

  // ---- members, teams, lines ----

  /** Every member of the organization, with the e-mail an export may name them by (the member's, else their user's). */
  async membersOf(tx: EntityManager, organizationId: string): Promise<ImportMember[]> {
    return tx.query(
      `SELECT m.id, m.name, lower(coalesce(m.email, u.email)) AS email, m.active FROM member m LEFT JOIN app_user u ON u.id = m.user_id
        WHERE m.organization_id = $1 ORDER BY m.created_at, m.id`,
      [organizationId],
    );
  }

  async membersByExternalIds(tx: EntityManager, organizationId: string, externalIds: readonly string[]): Promise<ExistingMember[]> {
    return tx.query(
      `SELECT id, external_id AS "externalId", name, role FROM member WHERE organization_id = $1 AND external_id = ANY($2::text[])`,
      [organizationId, externalIds],
    );
  }

  async insertMembers(tx: EntityManager, organizationId: string, members: readonly { externalId: string; name: string; role: string }[]): Promise<ExistingMember[]> {
    if (members.length === 0) return [];
    return tx.query(
      `INSERT INTO member (organization_id, external_id, name, role)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[])
       RETURNING id, external_id AS "externalId", name, role`,
      [organizationId, members.map((m) => m.externalId), members.map((m) => m.name), members.map((m) => m.role)],
    );
  }

  async updateMembers(tx: EntityManager, members: readonly { id: string; name: string; role: string }[]): Promise<void> {
    if (members.length === 0) return;
    await tx.query(
      `UPDATE member m SET name = u.name, role = u.role,
              stage_role = CASE WHEN u.role = 'SALES' THEN m.stage_role END, category = CASE WHEN u.role = 'SALES' THEN m.category END,
              version = m.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, name, role)
        WHERE m.id = u.id`,
      [members.map((m) => m.id), members.map((m) => m.name), members.map((m) => m.role)],
    );
  }

  async teamsByNames(tx: EntityManager, organizationId: string, names: readonly string[]): Promise<ExistingTeam[]> {
    return tx.query(`SELECT id, name, lead_id AS "leadId" FROM team WHERE organization_id = $1 AND name = ANY($2::text[])`, [organizationId, names]);
  }

  async insertTeams(tx: EntityManager, organizationId: string, teams: readonly { name: string; leadId: string | null }[]): Promise<ExistingTeam[]> {
    if (teams.length === 0) return [];
    return tx.query(
      `INSERT INTO team (organization_id, name, lead_id) SELECT $1::uuid, * FROM unnest($2::text[], $3::uuid[]) RETURNING id, name, lead_id AS "leadId"`,
      [organizationId, teams.map((t) => t.name), teams.map((t) => t.leadId)],
    );
  }

  async setTeamLeads(tx: EntityManager, teams: readonly { id: string; leadId: string }[]): Promise<void> {
    if (teams.length === 0) return;
    await tx.query(`UPDATE team t SET lead_id = u.lead_id FROM unnest($1::uuid[], $2::uuid[]) AS u(id, lead_id) WHERE t.id = u.id`, [
      teams.map((t) => t.id),
      teams.map((t) => t.leadId),
    ]);
  }

  async teamMemberships(tx: EntityManager, memberIds: readonly string[]): Promise<{ teamId: string; memberId: string }[]> {
    if (memberIds.length === 0) return [];
    return tx.query(`SELECT team_id AS "teamId", member_id AS "memberId" FROM team_member WHERE member_id = ANY($1::uuid[])`, [memberIds]);
  }

  async addTeamMembers(tx: EntityManager, pairs: readonly { teamId: string; memberId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await tx.query(`INSERT INTO team_member (team_id, member_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [
      pairs.map((p) => p.teamId),
      pairs.map((p) => p.memberId),
    ]);
  }

  async removeTeamMembers(tx: EntityManager, pairs: readonly { teamId: string; memberId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await tx.query(`DELETE FROM team_member t USING unnest($1::uuid[], $2::uuid[]) AS d(team_id, member_id) WHERE t.team_id = d.team_id AND t.member_id = d.member_id`, [
      pairs.map((p) => p.teamId),
      pairs.map((p) => p.memberId),
    ]);
  }

  async managersOf(tx: EntityManager, memberIds: readonly string[]): Promise<{ id: string; fromId: string; toId: string }[]> {
    if (memberIds.length === 0) return [];
    return tx.query(
      `SELECT id, from_member_id AS "fromId", to_member_id AS "toId" FROM reporting_line WHERE kind = 'REPORTS_TO' AND from_member_id = ANY($1::uuid[])`,
      [memberIds],
    );
  }

  async replaceManagers(tx: EntityManager, organizationId: string, removeLineIds: readonly string[], lines: readonly { fromId: string; toId: string }[]): Promise<void> {
    if (removeLineIds.length > 0) await tx.query(`DELETE FROM reporting_line WHERE id = ANY($1::uuid[])`, [removeLineIds]);
    if (lines.length === 0) return;
    await tx.query(
      `INSERT INTO reporting_line (organization_id, from_member_id, to_member_id, kind)
       SELECT $1::uuid, f, t, 'REPORTS_TO' FROM unnest($2::uuid[], $3::uuid[]) AS l(f, t)`,
      [organizationId, lines.map((l) => l.fromId), lines.map((l) => l.toId)],
    );
  }

  // ---- clients ----

  async clientsByExternalIds(tx: EntityManager, organizationId: string, externalIds: readonly string[]): Promise<(ExistingClient & { externalId: string })[]> {
    if (externalIds.length === 0) return [];
    return tx.query(`${CLIENT_COLUMNS} WHERE organization_id = $1 AND external_id = ANY($2::text[])`, [organizationId, externalIds]);
  }

  /**
   * Clients with one of these INNs or names (in any case), whatever their external id: a
   * CSV row is matched to them (the caller compares normalized names).
   */
  async clientsByInnsOrNames(tx: EntityManager, organizationId: string, inns: readonly string[], names: readonly string[]): Promise<ExistingClient[]> {
    if (inns.length === 0 && names.length === 0) return [];
    return tx.query(
      `${CLIENT_COLUMNS} WHERE organization_id = $1 AND (inn = ANY($2::text[]) OR name = ANY($3::text[]) OR lower(name) = ANY($4::text[])) ORDER BY created_at, id`,
      [organizationId, inns, names, names.map((n) => n.toLowerCase())],
    );
  }

  async insertClients(tx: EntityManager, organizationId: string, clients: readonly ClientInsert[]): Promise<{ id: string; externalId: string }[]> {
    if (clients.length === 0) return [];
    const full = clients.map((c) => ({ ...CLIENT_DEFAULTS, ...c }));
    return tx.query(
      `INSERT INTO client (organization_id, ${CLIENT_WRITE_COLUMNS}, owner_since)
       SELECT $1::uuid, u.*, CASE WHEN u.owner IS NOT NULL THEN now() END
         FROM unnest(${CLIENT_WRITE_TYPES.map((type, i) => `$${i + 2}::${type}[]`).join(', ')}) AS u(${CLIENT_WRITE_ALIASES})
       RETURNING id, external_id AS "externalId"`,
      [organizationId, ...clientColumns(full)],
    );
  }

  /** Writes whole rows (what the caller did not change it passes as it found it); owner_since and stage_changed_at move with a change. */
  async updateClients(tx: EntityManager, clients: readonly (ClientRow & { id: string })[]): Promise<void> {
    if (clients.length === 0) return;
    await tx.query(
      `UPDATE client c SET external_id = u.external_id, name = u.name, inn = u.inn, region = u.region, city = u.city, industry = u.industry,
              ownership_form = u.ownership_form, channel = u.channel, vip = u.vip, annual_potential = u.potential, currency = u.currency,
              category = u.category, category_manual = u.category_manual,
              stage = u.stage, stage_changed_at = CASE WHEN c.stage IS DISTINCT FROM u.stage THEN now() ELSE c.stage_changed_at END,
              owner_member_id = u.owner, owner_since = CASE WHEN c.owner_member_id IS DISTINCT FROM u.owner THEN now() ELSE c.owner_since END,
              hunter_member_id = u.hunter, notes = u.notes, parent_client_id = u.parent, version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], ${CLIENT_WRITE_TYPES.map((type, i) => `$${i + 2}::${type}[]`).join(', ')}) AS u(id, ${CLIENT_WRITE_ALIASES})
        WHERE c.id = u.id`,
      [clients.map((c) => c.id), ...clientColumns(clients)],
    );
  }

  /** Parent links of clients just inserted (their parents may be in the same batch). */
  async setClientParents(tx: EntityManager, links: readonly { id: string; parentClientId: string }[]): Promise<void> {
    if (links.length === 0) return;
    await tx.query(`UPDATE client c SET parent_client_id = u.parent FROM unnest($1::uuid[], $2::uuid[]) AS u(id, parent) WHERE c.id = u.id`, [
      links.map((l) => l.id),
      links.map((l) => l.parentClientId),
    ]);
  }

  // ---- products ----

  /** Products with one of these external ids or names (a product of the same name is adopted: names are unique). */
  async productsByExternalIdsOrNames(tx: EntityManager, organizationId: string, externalIds: readonly string[], names: readonly string[]): Promise<ExistingProduct[]> {
    return tx.query(
      `SELECT id, external_id AS "externalId", name, product_line AS "productLine", price::text AS price, currency
         FROM product WHERE organization_id = $1 AND (external_id = ANY($2::text[]) OR name = ANY($3::text[]))`,
      [organizationId, externalIds, names],
    );
  }

  async insertProducts(
    tx: EntityManager,
    organizationId: string,
    products: readonly { externalId: string; name: string; productLine: string; price: string; currency: string }[],
  ): Promise<{ id: string; externalId: string }[]> {
    if (products.length === 0) return [];
    return tx.query(
      `INSERT INTO product (organization_id, external_id, name, product_line, price, currency)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[])
       RETURNING id, external_id AS "externalId"`,
      [organizationId, products.map((p) => p.externalId), products.map((p) => p.name), products.map((p) => p.productLine), products.map((p) => p.price), products.map((p) => p.currency)],
    );
  }

  async updateProducts(tx: EntityManager, products: readonly { id: string; externalId: string; name: string; productLine: string; price: string; currency: string }[]): Promise<void> {
    if (products.length === 0) return;
    await tx.query(
      `UPDATE product p SET external_id = u.external_id, name = u.name, product_line = u.line, price = u.price, currency = u.currency
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[]) AS u(id, external_id, name, line, price, currency)
        WHERE p.id = u.id`,
      [products.map((p) => p.id), products.map((p) => p.externalId), products.map((p) => p.name), products.map((p) => p.productLine), products.map((p) => p.price), products.map((p) => p.currency)],
    );
  }

  /** The catalog by name (a CSV deal names its product). */
  async productNames(tx: EntityManager, organizationId: string): Promise<{ id: string; name: string }[]> {
    return tx.query(`SELECT id, name FROM product WHERE organization_id = $1`, [organizationId]);
  }

  // ---- deals and their stage history ----

  async dealsByExternalIds(tx: EntityManager, organizationId: string, externalIds: readonly string[]): Promise<ExistingDeal[]> {
    return tx.query(
      `SELECT id, external_id AS "externalId", client_id AS "clientId", owner_member_id AS "ownerMemberId", pipeline_id AS "pipelineId",
              stage_id AS "stageId", title, amount::text AS amount, currency, product_id AS "productId", started_on::text AS "startedOn",
              closed_on::text AS "closedOn", expected_close_on::text AS "expectedCloseOn", lost_reason AS "lostReason"
         FROM deal WHERE organization_id = $1 AND external_id = ANY($2::text[])`,
      [organizationId, externalIds],
    );
  }

  async historyOfDeals(tx: EntityManager, dealIds: readonly string[]): Promise<StageVisitRow[]> {
    if (dealIds.length === 0) return [];
    return tx.query(
      `SELECT deal_id AS "dealId", stage_id AS "stageId", (entered_at AT TIME ZONE 'UTC')::text AS "enteredAt", (left_at AT TIME ZONE 'UTC')::text AS "leftAt"
         FROM deal_stage_history WHERE deal_id = ANY($1::uuid[]) ORDER BY deal_id, entered_at, id`,
      [dealIds],
    );
  }

  async insertDeals(tx: EntityManager, organizationId: string, deals: readonly DealWrite[]): Promise<{ id: string; externalId: string }[]> {
    if (deals.length === 0) return [];
    return tx.query(
      `INSERT INTO deal (organization_id, external_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, currency, product_id, started_on, closed_on,
                         expected_close_on, lost_reason)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::numeric[], $9::text[], $10::uuid[], $11::date[], $12::date[],
                                      $13::date[], $14::text[])
       RETURNING id, external_id AS "externalId"`,
      [organizationId, ...dealColumns(deals)],
    );
  }

  async updateDeals(tx: EntityManager, deals: readonly (DealWrite & { id: string })[]): Promise<void> {
    if (deals.length === 0) return;
    await tx.query(
      `UPDATE deal d SET client_id = u.client_id, owner_member_id = u.owner, pipeline_id = u.pipeline_id, stage_id = u.stage_id, title = u.title,
              amount = u.amount, currency = u.currency, product_id = u.product_id, started_on = u.started_on, closed_on = u.closed_on,
              expected_close_on = u.expected_close_on, lost_reason = u.lost_reason, version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::numeric[], $9::text[], $10::uuid[], $11::date[], $12::date[],
                     $13::date[], $14::text[])
              AS u(id, external_id, client_id, owner, pipeline_id, stage_id, title, amount, currency, product_id, started_on, closed_on, expected_close_on, lost_reason)
        WHERE d.id = u.id`,
      [deals.map((d) => d.id), ...dealColumns(deals)],
    );
  }

  /** Replaces the stage history of these deals with the given visits (in order). */
  async replaceHistory(tx: EntityManager, dealIds: readonly string[], visits: readonly StageVisitRow[]): Promise<void> {
    if (dealIds.length > 0) await tx.query(`DELETE FROM deal_stage_history WHERE deal_id = ANY($1::uuid[])`, [dealIds]);
    if (visits.length === 0) return;
    await tx.query(
      `INSERT INTO deal_stage_history (deal_id, stage_id, entered_at, left_at)
       SELECT d, s, e AT TIME ZONE 'UTC', l AT TIME ZONE 'UTC' FROM unnest($1::uuid[], $2::uuid[], $3::timestamp[], $4::timestamp[]) WITH ORDINALITY AS v(d, s, e, l, n)
        ORDER BY n`,
      [visits.map((v) => v.dealId), visits.map((v) => v.stageId), visits.map((v) => v.enteredAt), visits.map((v) => v.leftAt)],
    );
  }

  /**
   * Deals that moved to another stage: the open visit is left and the new stage entered now
   * (never before the visit it leaves began).
   */
  async enterStages(tx: EntityManager, moves: readonly { dealId: string; stageId: string }[]): Promise<void> {
    if (moves.length === 0) return;
    await tx.query(
      `WITH m AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS m(deal_id, stage_id)),
            left_visits AS (
              UPDATE deal_stage_history h SET left_at = greatest(h.entered_at, now()) FROM m
               WHERE h.deal_id = m.deal_id AND h.left_at IS NULL
              RETURNING h.deal_id, h.left_at)
       INSERT INTO deal_stage_history (deal_id, stage_id, entered_at)
       SELECT m.deal_id, m.stage_id, coalesce((SELECT max(l.left_at) FROM left_visits l WHERE l.deal_id = m.deal_id), now()) FROM m`,
      [moves.map((m) => m.dealId), moves.map((m) => m.stageId)],
    );
  }

  // ---- activities ----

  async activitiesByExternalIds(tx: EntityManager, organizationId: string, externalIds: readonly string[]): Promise<ExistingActivity[]> {
    if (externalIds.length === 0) return [];
    return tx.query(
      `SELECT a.id, a.external_id AS "externalId", a.kind, to_char(a.at AT TIME ZONE o.timezone, 'YYYY-MM-DD HH24:MI:SS') AS at,
              a.owner_member_id AS "ownerMemberId", a.client_id AS "clientId", a.deal_id AS "dealId", a.outcome
         FROM activity a JOIN organization o ON o.id = a.organization_id
        WHERE a.organization_id = $1 AND a.external_id = ANY($2::text[])`,
      [organizationId, externalIds],
    );
  }

  /** Activities at wall-clock times of the organization's time zone. */
  async insertActivities(tx: EntityManager, organizationId: string, activities: readonly ActivityWrite[]): Promise<void> {
    if (activities.length === 0) return;
    await tx.query(
      `INSERT INTO activity (organization_id, external_id, kind, at, owner_member_id, client_id, deal_id, outcome)
       SELECT $1::uuid, u.external_id, u.kind, u.at AT TIME ZONE (SELECT timezone FROM organization WHERE id = $1), u.owner, u.client_id, u.deal_id, u.outcome
         FROM unnest($2::text[], $3::text[], $4::timestamp[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[]) AS u(external_id, kind, at, owner, client_id, deal_id, outcome)`,
      [organizationId, ...activityColumns(activities)],
    );
  }

  async updateActivities(tx: EntityManager, organizationId: string, activities: readonly (ActivityWrite & { id: string })[]): Promise<void> {
    if (activities.length === 0) return;
    await tx.query(
      `UPDATE activity a SET kind = u.kind, at = u.at AT TIME ZONE (SELECT timezone FROM organization WHERE id = $1), owner_member_id = u.owner,
              client_id = u.client_id, deal_id = u.deal_id, outcome = u.outcome
         FROM unnest($2::text[], $3::text[], $4::timestamp[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::uuid[])
              AS u(external_id, kind, at, owner, client_id, deal_id, outcome, id)
        WHERE a.id = u.id`,
      [organizationId, ...activityColumns(activities), activities.map((a) => a.id)],
    );
  }

  // ---- the run ----

  async insertRun(tx: EntityManager | undefined, run: ImportRunWrite): Promise<string> {
    const [row]: { id: string }[] = await (tx ?? this.dataSource.manager).query(
      `INSERT INTO import_run (organization_id, kind, source, pipeline_id, status, counts, report, actor_user_id, started_at, duration_ms)
       VALUES ($1, $10, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [run.organizationId, run.source, run.pipelineId, run.status, JSON.stringify(run.counts), JSON.stringify(run.report), run.actorUserId, run.startedAt, run.durationMs, run.kind],
    );
    return row.id;
  }
}

function dealColumns(deals: readonly DealWrite[]): unknown[] {
  return [
    deals.map((d) => d.externalId),
    deals.map((d) => d.clientId),
    deals.map((d) => d.ownerMemberId),
    deals.map((d) => d.pipelineId),
    deals.map((d) => d.stageId),
    deals.map((d) => d.title),
    deals.map((d) => d.amount),
    deals.map((d) => d.currency),
    deals.map((d) => d.productId),
    deals.map((d) => d.startedOn),
    deals.map((d) => d.closedOn),
    deals.map((d) => d.expectedCloseOn),
    deals.map((d) => d.lostReason),
  ];
}

function activityColumns(activities: readonly ActivityWrite[]): unknown[] {
  return [
    activities.map((a) => a.externalId),
    activities.map((a) => a.kind),
    activities.map((a) => a.at),
    activities.map((a) => a.ownerMemberId),
    activities.map((a) => a.clientId),
    activities.map((a) => a.dealId),
    activities.map((a) => a.outcome),
  ];
}

const CLIENT_COLUMNS = `SELECT id, external_id AS "externalId", name, inn, region, city, industry, ownership_form AS "ownershipForm", channel, vip,
         annual_potential::text AS "annualPotential", currency, category, category_manual AS "categoryManual", stage,
         owner_member_id AS "ownerMemberId", hunter_member_id AS "hunterMemberId", notes, parent_client_id AS "parentClientId"
    FROM client`;

const CLIENT_DEFAULTS: Omit<ClientRow, 'externalId' | 'name' | 'industry' | 'region' | 'annualPotential' | 'currency' | 'stage' | 'notes'> = {
  inn: null,
  city: null,
  ownershipForm: null,
  channel: null,
  vip: false,
  category: null,
  categoryManual: false,
  ownerMemberId: null,
  hunterMemberId: null,
  parentClientId: null,
};

/** The written columns of a client, their unnest types and aliases, in one order. */
const CLIENT_WRITE: readonly [column: string, type: string, alias: string, value: (c: ClientRow) => unknown][] = [
  ['external_id', 'text', 'external_id', (c) => c.externalId],
  ['name', 'text', 'name', (c) => c.name],
  ['inn', 'text', 'inn', (c) => c.inn],
  ['region', 'text', 'region', (c) => c.region],
  ['city', 'text', 'city', (c) => c.city],
  ['industry', 'text', 'industry', (c) => c.industry],
  ['ownership_form', 'text', 'ownership_form', (c) => c.ownershipForm],
  ['channel', 'text', 'channel', (c) => c.channel],
  ['vip', 'boolean', 'vip', (c) => c.vip],
  ['annual_potential', 'numeric', 'potential', (c) => c.annualPotential],
  ['currency', 'text', 'currency', (c) => c.currency],
  ['category', 'smallint', 'category', (c) => c.category],
  ['category_manual', 'boolean', 'category_manual', (c) => c.categoryManual],
  ['stage', 'text', 'stage', (c) => c.stage],
  ['owner_member_id', 'uuid', 'owner', (c) => c.ownerMemberId],
  ['hunter_member_id', 'uuid', 'hunter', (c) => c.hunterMemberId],
  ['notes', 'text', 'notes', (c) => c.notes],
  ['parent_client_id', 'uuid', 'parent', (c) => c.parentClientId],
];
const CLIENT_WRITE_COLUMNS = CLIENT_WRITE.map(([column]) => column).join(', ');
const CLIENT_WRITE_TYPES = CLIENT_WRITE.map(([, type]) => type);
const CLIENT_WRITE_ALIASES = CLIENT_WRITE.map(([, , alias]) => alias).join(', ');

function clientColumns(clients: readonly ClientRow[]): unknown[] {
  return CLIENT_WRITE.map(([, , , value]) => clients.map(value));
}
