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

export interface ExistingClient {
  id: string;
  externalId: string;
  name: string;
  industry: string | null;
  region: string | null;
  annualPotential: string;
  currency: string;
  parentClientId: string | null;
}

export interface ExistingProduct {
  id: string;
  externalId: string | null;
  name: string;
  productLine: string;
  price: string;
  currency: string;
}

export interface ExistingDeal {
  id: string;
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
  ownerMemberId: string;
  pipelineId: string;
  stageId: string;
  title: string;
  amount: string;
  currency: string;
  productId: string;
  startedOn: string;
  closedOn: string | null;
}

export interface ImportRunWrite {
  organizationId: string;
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

  async clientsByExternalIds(tx: EntityManager, organizationId: string, externalIds: readonly string[]): Promise<ExistingClient[]> {
    return tx.query(
      `SELECT id, external_id AS "externalId", name, industry, region, annual_potential::text AS "annualPotential", currency,
              parent_client_id AS "parentClientId"
         FROM client WHERE organization_id = $1 AND external_id = ANY($2::text[])`,
      [organizationId, externalIds],
    );
  }

  async insertClients(
    tx: EntityManager,
    organizationId: string,
    clients: readonly { externalId: string; name: string; industry: string | null; region: string | null; annualPotential: string; currency: string; stage: string; notes: string | null }[],
  ): Promise<{ id: string; externalId: string }[]> {
    if (clients.length === 0) return [];
    return tx.query(
      `INSERT INTO client (organization_id, external_id, name, industry, region, annual_potential, currency, stage, notes)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::text[])
       RETURNING id, external_id AS "externalId"`,
      [
        organizationId,
        clients.map((c) => c.externalId),
        clients.map((c) => c.name),
        clients.map((c) => c.industry),
        clients.map((c) => c.region),
        clients.map((c) => c.annualPotential),
        clients.map((c) => c.currency),
        clients.map((c) => c.stage),
        clients.map((c) => c.notes),
      ],
    );
  }

  async updateClients(
    tx: EntityManager,
    clients: readonly { id: string; name: string; industry: string | null; region: string | null; annualPotential: string; currency: string; parentClientId: string | null }[],
  ): Promise<void> {
    if (clients.length === 0) return;
    await tx.query(
      `UPDATE client c SET name = u.name, industry = u.industry, region = u.region, annual_potential = u.potential, currency = u.currency,
              parent_client_id = u.parent, version = c.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::uuid[]) AS u(id, name, industry, region, potential, currency, parent)
        WHERE c.id = u.id`,
      [
        clients.map((c) => c.id),
        clients.map((c) => c.name),
        clients.map((c) => c.industry),
        clients.map((c) => c.region),
        clients.map((c) => c.annualPotential),
        clients.map((c) => c.currency),
        clients.map((c) => c.parentClientId),
      ],
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

  // ---- deals and their stage history ----

  async dealsByExternalIds(tx: EntityManager, organizationId: string, externalIds: readonly string[]): Promise<ExistingDeal[]> {
    return tx.query(
      `SELECT id, external_id AS "externalId", client_id AS "clientId", owner_member_id AS "ownerMemberId", pipeline_id AS "pipelineId",
              stage_id AS "stageId", title, amount::text AS amount, currency, product_id AS "productId", started_on::text AS "startedOn",
              closed_on::text AS "closedOn"
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
      `INSERT INTO deal (organization_id, external_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, currency, product_id, started_on, closed_on)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::numeric[], $9::text[], $10::uuid[], $11::date[], $12::date[])
       RETURNING id, external_id AS "externalId"`,
      [organizationId, ...dealColumns(deals)],
    );
  }

  async updateDeals(tx: EntityManager, deals: readonly (DealWrite & { id: string })[]): Promise<void> {
    if (deals.length === 0) return;
    await tx.query(
      `UPDATE deal d SET client_id = u.client_id, owner_member_id = u.owner, pipeline_id = u.pipeline_id, stage_id = u.stage_id, title = u.title,
              amount = u.amount, currency = u.currency, product_id = u.product_id, started_on = u.started_on, closed_on = u.closed_on,
              version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::numeric[], $9::text[], $10::uuid[], $11::date[], $12::date[])
              AS u(id, external_id, client_id, owner, pipeline_id, stage_id, title, amount, currency, product_id, started_on, closed_on)
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

  // ---- the run ----

  async insertRun(tx: EntityManager | undefined, run: ImportRunWrite): Promise<string> {
    const [row]: { id: string }[] = await (tx ?? this.dataSource.manager).query(
      `INSERT INTO import_run (organization_id, kind, source, pipeline_id, status, counts, report, actor_user_id, started_at, duration_ms)
       VALUES ($1, 'MAVEN_CRM', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [run.organizationId, run.source, run.pipelineId, run.status, JSON.stringify(run.counts), JSON.stringify(run.report), run.actorUserId, run.startedAt, run.durationMs],
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
  ];
}
