import { Injectable } from '@nestjs/common';
import type { ProcessStatus, TargetKind } from '@salescircle/shared';
import type { EntityManager } from 'typeorm';

const DAY = 86_400_000;

/** A small deterministic generator, so every demo database looks the same. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

interface DemoProcess {
  title: string;
  template: string | null;
  owner: string;
  kind: TargetKind;
  target: number;
  status: ProcessStatus;
  /** Days from the sprint start. */
  dueDay: number;
  doneDay?: number;
  blockedReason?: string;
  /** Added after the start (a scope change), on this day. */
  addedDay?: number;
  priority?: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
}

/** The running sprint of the dealer team (seed 004: 15-20 processes at once), in every state. */
const ACTIVE_PROCESSES: DemoProcess[] = [
  { title: 'Обзвон дилеров Поволжья по новому прайсу', template: 'cold-calls', owner: 'rep-volga', kind: 'CALLS', target: 40, status: 'IN_PROGRESS', dueDay: 9 },
  { title: 'Реактивация спящих клиентов Москвы', template: 'reactivation', owner: 'rep', kind: 'MEETINGS', target: 6, status: 'IN_PROGRESS', dueDay: 11 },
  { title: 'Допродажа крепежа дилерам Урала', template: 'upsell', owner: 'rep-ural', kind: 'ORDER_AMOUNT', target: 1_500_000, status: 'IN_PROGRESS', dueDay: 12 },
  { title: 'Тендер: поставка для «Уралстройсервиса»', template: 'tender', owner: 'rep-ural', kind: 'DEALS_WON', target: 1, status: 'BLOCKED', dueDay: 8, blockedReason: 'Ждём банковскую гарантию', priority: 'URGENT' },
  { title: 'Контакты с выставки «Строительная неделя»', template: 'trade-show', owner: 'rep-siberia', kind: 'FIRST_ORDERS', target: 2, status: 'IN_PROGRESS', dueDay: 13 },
  { title: 'Обзвон новых дилеров Сибири', template: 'cold-calls', owner: 'rep-siberia', kind: 'CALLS', target: 35, status: 'TODO', dueDay: 12 },
  { title: 'Встречи с ключевыми дилерами Юга', template: null, owner: 'rep-south', kind: 'MEETINGS', target: 5, status: 'IN_PROGRESS', dueDay: 4, priority: 'HIGH' },
  { title: 'Презентация новой линейки Северо-Западу', template: 'upsell', owner: 'rep-nw', kind: 'ORDER_AMOUNT', target: 900_000, status: 'TODO', dueDay: 13 },
  { title: 'Реактивация дилеров Дальнего Востока', template: 'reactivation', owner: 'rep-fareast', kind: 'MEETINGS', target: 4, status: 'BLOCKED', dueDay: 10, blockedReason: 'Нет актуальных контактов закупщиков' },
  { title: 'Первые заказы новых дилеров Дальнего Востока', template: 'trade-show', owner: 'rep-fareast', kind: 'FIRST_ORDERS', target: 2, status: 'TODO', dueDay: 13 },
  { title: 'Сверка дебиторки с дилерами Москвы', template: null, owner: 'rep', kind: 'CUSTOM', target: 12, status: 'DONE', dueDay: 5, doneDay: 4 },
  { title: 'Обзвон дилеров Москвы: акция декабря', template: 'cold-calls', owner: 'rep', kind: 'CALLS', target: 30, status: 'DONE', dueDay: 6, doneDay: 5 },
  { title: 'Встречи с дилерами Поволжья', template: null, owner: 'rep-volga', kind: 'MEETINGS', target: 3, status: 'DONE', dueDay: 5, doneDay: 5 },
  { title: 'Допродажа герметиков на Юге', template: 'upsell', owner: 'rep-south', kind: 'ORDER_AMOUNT', target: 400_000, status: 'DONE', dueDay: 6, doneDay: 6 },
  { title: 'Обзвон Северо-Запада по остаткам', template: 'cold-calls', owner: 'rep-nw', kind: 'CALLS', target: 25, status: 'IN_PROGRESS', dueDay: 3 },
  { title: 'Подготовка к тендеру РЖД-снабжения', template: 'tender', owner: 'rep-nw', kind: 'CUSTOM', target: 4, status: 'TODO', dueDay: 11, addedDay: 3 },
  { title: 'Отзывы дилеров о логистике', template: null, owner: 'rep-south', kind: 'CUSTOM', target: 10, status: 'DONE', dueDay: 7, doneDay: 6 },
  { title: 'Обучение новых менеджеров дилера «Техноснаб»', template: null, owner: 'rep-volga', kind: 'CUSTOM', target: 2, status: 'TODO', dueDay: 12, addedDay: 4 },
];

const REPS = ['rep', 'rep-nw', 'rep-south', 'rep-volga', 'rep-ural', 'rep-siberia', 'rep-fareast'];

/**
 * Sprint demo data: a default pipeline with deals, calls and meetings of the dealer team
 * over the last weeks, three closed sprints (for velocity), the running sprint with 18
 * processes in every state (some overdue, some blocked, some done), a proposal from the
 * product manager waiting for the lead, and reminders due today.
 */
@Injectable()
export class DemoSprintSeeder {
  async seed(tx: EntityManager, organizationId: string, memberId: (key: string) => string, now = Date.now()): Promise<void> {
    const rnd = random(20261201);
    const [team]: { id: string }[] = await tx.query(`SELECT id FROM team WHERE organization_id = $1 AND name = 'Дилерские продажи'`, [organizationId]);
    const [lead]: { user_id: string }[] = await tx.query('SELECT user_id FROM member WHERE id = $1', [memberId('lead')]);
    const [pm]: { user_id: string }[] = await tx.query('SELECT user_id FROM member WHERE id = $1', [memberId('pm')]);

    // The default pipeline.
    const [pipeline]: { id: string }[] = await tx.query(`INSERT INTO pipeline (organization_id, name, is_default) VALUES ($1, 'Основная воронка', true) RETURNING id`, [organizationId]);
    const stages: { id: string; kind: string }[] = await tx.query(
      `INSERT INTO pipeline_stage (pipeline_id, position, name, probability, kind)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::numeric[], $5::text[]) RETURNING id, kind`,
      [pipeline.id, [1, 2, 3, 4, 5, 6, 7], ['Новый лид', 'Квалификация', 'Встреча', 'КП отправлено', 'Переговоры', 'Выиграна', 'Проиграна'], [0.1, 0.2, 0.4, 0.6, 0.8, 1, 0], ['OPEN', 'OPEN', 'OPEN', 'OPEN', 'OPEN', 'WON', 'LOST']],
    );
    const open = stages.filter((s) => s.kind === 'OPEN');
    const won = stages.find((s) => s.kind === 'WON')!;
    const lost = stages.find((s) => s.kind === 'LOST')!;

    // Clients of each rep, for deals and links.
    const clientRows: { id: string; owner: string }[] = await tx.query(
      `SELECT id, owner_member_id AS owner FROM client WHERE organization_id = $1 AND owner_member_id = ANY($2) ORDER BY name`,
      [organizationId, REPS.map(memberId)],
    );
    const clientsOf = (key: string) => clientRows.filter((c) => c.owner === memberId(key)).map((c) => c.id);

    // Deals: some open, some won and lost over the last two months.
    const deals: { client: string; owner: string; stage: string; amount: number; started: string; closed: string | null; title: string }[] = [];
    for (const key of REPS) {
      const own = clientsOf(key);
      for (let i = 0; i < Math.min(8, own.length); i += 1) {
        const r = rnd();
        const startedAt = now - (10 + Math.floor(rnd() * 60)) * DAY;
        const closedAt = Math.min(now - DAY, startedAt + (5 + Math.floor(rnd() * 30)) * DAY);
        const stage = r < 0.35 ? won : r < 0.5 ? lost : open[Math.floor(rnd() * open.length)];
        deals.push({
          client: own[i],
          owner: memberId(key),
          stage: stage.id,
          amount: Math.round((100_000 + rnd() * 900_000) / 1000) * 1000,
          started: dayOf(startedAt),
          closed: stage.kind === 'OPEN' ? null : dayOf(closedAt),
          title: `Поставка ${i + 1}`,
        });
      }
    }
    // Open deals are expected to close within the next seven weeks (the forecast reads them).
    const expected = deals.map((d) => (d.closed ? null : dayOf(now + (3 + Math.floor(rnd() * 45)) * DAY)));
    const dealRows: { id: string; client_id: string }[] = await tx.query(
      `INSERT INTO deal (organization_id, client_id, owner_member_id, pipeline_id, stage_id, title, amount, started_on, closed_on, expected_close_on)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::numeric[], $8::date[], $9::date[], $10::date[]) RETURNING id, client_id`,
      [organizationId, deals.map((d) => d.client), deals.map((d) => d.owner), deals.map(() => pipeline.id), deals.map((d) => d.stage), deals.map((d) => d.title), deals.map((d) => d.amount), deals.map((d) => d.started), deals.map((d) => d.closed), expected],
    );
    // Each deal is for the product its client has bought most (by amount), so the funnel can be read by product.
    await tx.query(
      `UPDATE deal d SET product_id = (SELECT l.product_id FROM client_order o JOIN order_line l ON l.order_id = o.id
                                        WHERE o.client_id = d.client_id GROUP BY l.product_id ORDER BY sum(l.amount) DESC, l.product_id LIMIT 1)
        WHERE d.pipeline_id = $1`,
      [pipeline.id],
    );
    // Stage history: every deal passed the open stages before its current one (a lost deal dropped out somewhere on the way).
    await tx.query(
      `INSERT INTO deal_stage_history (deal_id, stage_id, entered_at, left_at)
       SELECT d.id, s.id,
              d.started_on + (s.position - 1) * (coalesce(d.closed_on, current_date) - d.started_on) / 6,
              CASE WHEN s.id = d.stage_id THEN NULL ELSE d.started_on + s.position * (coalesce(d.closed_on, current_date) - d.started_on) / 6 END
         FROM deal d
         JOIN pipeline_stage cur ON cur.id = d.stage_id
         JOIN pipeline_stage s ON s.pipeline_id = d.pipeline_id
        WHERE d.pipeline_id = $1
          AND (s.id = d.stage_id
               OR (s.kind = 'OPEN' AND cur.kind = 'OPEN' AND s.position < cur.position)
               OR (s.kind = 'OPEN' AND cur.kind = 'WON')
               OR (s.kind = 'OPEN' AND cur.kind = 'LOST' AND s.position <= 1 + abs(hashtext(d.id::text)) % 5))`,
      [pipeline.id],
    );

    // Calls and meetings of the dealer reps over eight weeks (working days).
    const acts: { kind: string; owner: string; client: string | null; at: Date }[] = [];
    for (let d = 56; d >= 0; d -= 1) {
      const day = new Date(now - d * DAY);
      if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
      for (const key of REPS) {
        const own = clientsOf(key);
        const calls = 2 + Math.floor(rnd() * 5);
        for (let c = 0; c < calls; c += 1) acts.push({ kind: 'CALL', owner: memberId(key), client: own.length ? own[Math.floor(rnd() * own.length)] : null, at: new Date(day.getTime() - (8 - c) * 3_600_000 * 0.5) });
        if (rnd() < 0.3) acts.push({ kind: 'MEETING', owner: memberId(key), client: own.length ? own[Math.floor(rnd() * own.length)] : null, at: new Date(day.getTime() - 2 * 3_600_000) });
      }
    }
    await tx.query(
      `INSERT INTO activity (organization_id, kind, owner_member_id, client_id, at, outcome)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[])`,
      [organizationId, acts.map((a) => a.kind), acts.map((a) => a.owner), acts.map((a) => a.client), acts.map((a) => a.at), acts.map(() => null)],
    );

    // Sprints: three closed ones of two weeks, then the running one (started six days ago).
    const activeStart = now - 6 * DAY;
    const sprintRows: { id: string; start: number; end: number; status: string }[] = [];
    for (let k = 3; k >= 0; k -= 1) {
      const start = activeStart - k * 14 * DAY;
      const end = start + 13 * DAY;
      const status = k === 0 ? 'ACTIVE' : 'CLOSED';
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO sprint (organization_id, team_id, name, goal, starts_on, ends_on, status, started_at, closed_at, review, retrospective, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          organizationId, team.id, `Спринт ${20 - k}`, k === 0 ? 'Декабрьская акция: 18 процессов, прирост портфеля дилеров' : 'Загрузка дилеров перед сезоном',
          dayOf(start), dayOf(end), status, new Date(start + 8 * 3_600_000), k === 0 ? null : new Date(end + 18 * 3_600_000),
          k === 0 ? '' : 'Закрыли большинство процессов; тендеры требуют больше времени.', k === 0 ? '' : 'Раньше подключать продакт-менеджера к допродажам.', lead.user_id,
        ],
      );
      sprintRows.push({ id: row.id, start, end, status });
    }

    const insertProcess = async (sprintId: string | null, start: number, p: DemoProcess, approval = 'APPROVED', requestedBy: string | null = null) => {
      const createdAt = new Date(start - DAY + (p.addedDay ?? 0) * DAY);
      const addedAt = p.addedDay ? new Date(start + p.addedDay * DAY + 3_600_000 * 10) : createdAt;
      // done in the afternoon of its day, but never later than now: a process done "today" before the
      // afternoon would otherwise be done in the future, and the burndown would count it open
      const doneAt = p.doneDay !== undefined ? new Date(Math.min(start + p.doneDay * DAY + 3_600_000 * 15, now - 30 * 60_000)) : null;
      const blockedSince = p.status === 'BLOCKED' ? new Date(Math.min(now - 3 * DAY, start + 2 * DAY)) : null;
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO sales_process (organization_id, team_id, sprint_id, title, template_key, owner_member_id, target_kind, target_value, starts_on, due_at,
                                    priority, status, blocked_reason, blocked_since, done_at, approval, requested_by, created_by, created_at, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
        [
          organizationId, team.id, sprintId, p.title, p.template, memberId(p.owner), p.kind, p.target, sprintId ? dayOf(start) : null,
          new Date(start + p.dueDay * DAY + 18 * 3_600_000), p.priority ?? 'MEDIUM', p.status, p.blockedReason ?? null, blockedSince, doneAt,
          approval, requestedBy, requestedBy ?? lead.user_id, createdAt, rnd(),
        ],
      );
      const events: [string, string | null, string | null, string | null, Date][] = [['CREATED', null, 'TODO', null, createdAt]];
      if (sprintId && p.addedDay) events[0] = ['ADDED_TO_SPRINT', null, 'TODO', null, addedAt];
      if (p.status !== 'TODO') events.push(['MOVED', 'TODO', 'IN_PROGRESS', null, new Date(start + 3_600_000 * 11 + (p.addedDay ?? 0) * DAY)]);
      if (p.status === 'BLOCKED') events.push(['MOVED', 'IN_PROGRESS', 'BLOCKED', p.blockedReason ?? null, blockedSince!]);
      if (p.status === 'DONE') events.push(['MOVED', 'IN_PROGRESS', 'DONE', null, doneAt!]);
      await tx.query(
        `INSERT INTO process_event (process_id, sprint_id, kind, from_status, to_status, note, actor_user_id, at)
         SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::timestamptz[])`,
        [row.id, sprintId, events.map((e) => e[0]), events.map((e) => e[1]), events.map((e) => e[2]), events.map((e) => e[3]), events.map(() => lead.user_id), events.map((e) => e[4])],
      );
      const own = clientsOf(p.owner);
      if (p.kind === 'ORDER_AMOUNT' || p.kind === 'FIRST_ORDERS' || p.kind === 'MEETINGS') {
        const linked = own.slice(0, p.kind === 'MEETINGS' ? 0 : 6);
        if (linked.length) await tx.query('INSERT INTO process_client (process_id, client_id) SELECT $1, unnest($2::uuid[])', [row.id, linked]);
      }
      if (p.kind === 'DEALS_WON') {
        const linked = dealRows.filter((d) => own.includes(d.client_id)).slice(0, 2).map((d) => d.id);
        if (linked.length) await tx.query('INSERT INTO process_deal (process_id, deal_id) SELECT $1, unnest($2::uuid[])', [row.id, linked]);
      }
      if (p.kind === 'CUSTOM') {
        const units = p.status === 'DONE' ? p.target : Math.floor(p.target * 0.4);
        if (units > 0) await tx.query(`INSERT INTO process_event (process_id, sprint_id, kind, units, actor_user_id, at) VALUES ($1, $2, 'PROGRESS_COUNTED', $3, $4, $5)`, [row.id, sprintId, units, lead.user_id, new Date(Math.min(now - DAY, start + 3 * DAY))]);
      }
      await tx.query(
        'INSERT INTO process_step (process_id, position, title, done_at) SELECT $1, t.ord - 1, t.title, CASE WHEN t.ord <= $3 THEN $4::timestamptz END FROM unnest($2::text[]) WITH ORDINALITY AS t(title, ord)',
        [row.id, ['Подготовить список', 'Провести контакты', 'Подвести итоги'], p.status === 'DONE' ? 3 : p.status === 'TODO' ? 0 : 1, createdAt],
      );
      return row.id;
    };

    // Closed sprints: 15-17 processes each, most done in time; the rest rolled over to the next.
    for (const [k, sprint] of sprintRows.slice(0, 3).entries()) {
      const count = 15 + k;
      for (let i = 0; i < count; i += 1) {
        const base = ACTIVE_PROCESSES[i % ACTIVE_PROCESSES.length];
        const done = rnd() < 0.62 + k * 0.06;
        await insertProcess(sprint.id, sprint.start, { ...base, title: `${base.title} (${20 - (3 - k)})`, status: done ? 'DONE' : 'IN_PROGRESS', dueDay: 5 + (i % 9), doneDay: done ? 2 + Math.floor(rnd() * 11) : undefined, addedDay: i >= count - 2 ? 4 : undefined, blockedReason: undefined });
      }
      // Unfinished ones roll over to the next sprint when this one closes, as closeSprint does (ROLLED_OVER here,
      // ADDED_TO_SPRINT there), and are finished in its first days: the running sprint's board shows them done.
      const next = sprintRows[k + 1];
      const closedAt = new Date(sprint.end + 18 * 3_600_000);
      await tx.query(
        `WITH moved AS (
           UPDATE sales_process SET sprint_id = $2::uuid, status = 'DONE', done_at = $5::timestamptz + (abs(hashtext(id::text)) % 3) * interval '1 day'
            WHERE sprint_id = $1::uuid AND status <> 'DONE' RETURNING id, done_at
         ), steps AS (
           UPDATE process_step st SET done_at = m.done_at FROM moved m WHERE st.process_id = m.id AND st.done_at IS NULL
         )
         INSERT INTO process_event (process_id, sprint_id, kind, from_status, to_status, note, actor_user_id, at)
         SELECT id, $1::uuid, 'ROLLED_OVER', NULL::text, NULL::text, $3::text, $6::uuid, $4::timestamptz FROM moved
         UNION ALL SELECT id, $2::uuid, 'ADDED_TO_SPRINT', NULL, NULL, 'rollover from ' || $7::text, $6::uuid, $4::timestamptz FROM moved
         UNION ALL SELECT id, $2::uuid, 'MOVED', 'IN_PROGRESS', 'DONE', NULL, $6::uuid, done_at FROM moved`,
        [sprint.id, next.id, `Спринт ${20 - (2 - k)}`, closedAt, new Date(next.start + DAY + 15 * 3_600_000), lead.user_id, `Спринт ${20 - (3 - k)}`],
      );
    }

    // The running sprint, with reminders due today.
    const active = sprintRows[3];
    const ids: string[] = [];
    for (const p of ACTIVE_PROCESSES) ids.push(await insertProcess(active.id, active.start, p));
    const todayAt = (hours: number) => new Date(Math.floor(now / DAY) * DAY + hours * 3_600_000);
    await tx.query(
      `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, at, offset_minutes, every_days, next_at, note, created_by)
       VALUES ($1, $2, $3, 'AT', $4, NULL, NULL, $4, 'Позвонить закупщику после обеда', $9),
              ($1, $5, $6, 'RECURRING', $7, NULL, 2, $7, 'Проверить статус банковской гарантии', $9),
              ($1, $2, $8, 'AT', $10, NULL, NULL, $10, 'Итоги обзвона на планёрке', $9)`,
      [organizationId, ids[0], memberId('rep-volga'), todayAt(6), ids[3], memberId('rep-ural'), todayAt(5), memberId('lead'), lead.user_id, todayAt(15)],
    );
    await tx.query(
      `INSERT INTO reminder (organization_id, process_id, recipient_member_id, kind, offset_minutes, next_at, note, created_by)
       SELECT $1, id, owner_member_id, 'BEFORE_DUE', 1440, due_at - interval '1 day', 'Срок завтра', $3 FROM sales_process WHERE id = ANY($2)`,
      [organizationId, [ids[1], ids[4]], lead.user_id],
    );

    // A proposal from the product manager (matrix request) waiting for the lead, and a backlog.
    await insertProcess(null, active.start, { title: 'Продвижение новой линейки анкеров через дилеров Москвы', template: 'upsell', owner: 'rep', kind: 'ORDER_AMOUNT', target: 700_000, status: 'TODO', dueDay: 20 }, 'PENDING', pm.user_id);
    await insertProcess(null, active.start, { title: 'Реактивация дилеров Центра', template: 'reactivation', owner: 'rep', kind: 'MEETINGS', target: 5, status: 'TODO', dueDay: 24 });
    await insertProcess(null, active.start, { title: 'Обзвон строительных сетей Урала', template: 'cold-calls', owner: 'rep-ural', kind: 'CALLS', target: 40, status: 'TODO', dueDay: 26 });
    await this.seedPerformance(tx, organizationId, memberId, lead.user_id, now, rnd);
    await tx.query(
      `INSERT INTO notification (organization_id, recipient_user_id, kind, process_id, team_id, title, body)
       SELECT $1, $2, 'APPROVAL_REQUESTED', id, $3, title, '' FROM sales_process WHERE team_id = $3 AND approval = 'PENDING'`,
      [organizationId, lead.user_id, team.id],
    );
  }

  /**
   * Issue 6 demo: forecast snapshots of the last three months (so the accuracy chart has a
   * history), this month's submissions and an adjustment, KPI targets of one rep for the
   * running sprint, and coaching sessions with private notes and action items.
   */
  private async seedPerformance(tx: EntityManager, organizationId: string, memberId: (key: string) => string, leadUserId: string, now: number, rnd: () => number): Promise<void> {
    const month = (offset: number) => {
      const d = new Date(now);
      const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
      const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset + 1, 0));
      return { from: dayOf(start.getTime()), to: dayOf(end.getTime()), end: end.getTime() };
    };
    for (const offset of [-3, -2, -1]) {
      const m = month(offset);
      for (const key of REPS) {
        const [{ won }]: { won: string }[] = await tx.query(
          `SELECT coalesce(sum(d.amount), 0) AS won FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id AND s.kind = 'WON' WHERE d.owner_member_id = $1 AND d.closed_on BETWEEN $2 AND $3`,
          [memberId(key), m.from, m.to],
        );
        // Reps are optimists early and closer to the truth near the end of the month.
        for (const weeksBefore of [3, 2, 1]) {
          const factor = 1 + (rnd() - 0.35) * 0.12 * weeksBefore;
          const commit = Math.round(Number(won) * factor + (Number(won) === 0 ? rnd() * 150_000 : 0));
          await tx.query(
            `INSERT INTO forecast_snapshot (organization_id, member_id, period_start, period_end, taken_on, closed, commit, best_case, weighted, submitted)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [organizationId, memberId(key), m.from, m.to, dayOf(m.end - weeksBefore * 7 * DAY), Math.round(Number(won) * (1 - weeksBefore * 0.25)), commit, Math.round(commit * 1.25), Math.round(commit * 0.9), weeksBefore === 1 ? commit : null],
          );
        }
      }
    }
    const current = month(0);
    for (const [i, key] of REPS.entries()) {
      await tx.query(
        `INSERT INTO forecast_submission (organization_id, member_id, period_start, period_end, kind, amount, note, by_user_id, at)
         SELECT $1, m.id, $3, $4, 'SUBMITTED', $5, '', m.user_id, $6 FROM member m WHERE m.id = $2`,
        [organizationId, memberId(key), current.from, current.to, 400_000 + i * 150_000, new Date(now - 2 * DAY)],
      );
    }
    await tx.query(
      `INSERT INTO forecast_submission (organization_id, member_id, period_start, period_end, kind, amount, note, by_user_id, at)
       VALUES ($1, $2, $3, $4, 'ADJUSTED', 300000, 'Тендер сдвигается на январь', $5, $6)`,
      [organizationId, memberId('rep-ural'), current.from, current.to, leadUserId, new Date(now - DAY)],
    );
    const [sprint]: { id: string; starts_on: string; ends_on: string }[] = await tx.query(
      `SELECT s.id, s.starts_on::text, s.ends_on::text FROM sprint s JOIN team t ON t.id = s.team_id WHERE t.organization_id = $1 AND s.status = 'ACTIVE' LIMIT 1`,
      [organizationId],
    );
    await tx.query(
      `INSERT INTO kpi_target (organization_id, member_id, metric, period_start, period_end, target, weight, set_by)
       VALUES ($1, $2, 'REVENUE', $3, $4, 2500000, 0.5, $5), ($1, $2, 'CALLS', $3, $4, 60, 0.2, $5), ($1, $2, 'MEETINGS', $3, $4, 6, 0.3, $5)`,
      [organizationId, memberId('rep'), sprint.starts_on, sprint.ends_on, leadUserId],
    );
    const [template]: { id: string }[] = await tx.query(
      `INSERT INTO coaching_template (organization_id, name, stage_role, criteria) VALUES ($1, 'Встреча с дилером', 'FARMER', $2) RETURNING id`,
      [organizationId, JSON.stringify([{ name: 'Подготовка', weight: 0.2 }, { name: 'Выявление потребностей', weight: 0.3 }, { name: 'Работа с возражениями', weight: 0.25 }, { name: 'Следующий шаг', weight: 0.25 }])],
    );
    const sessions: [string, number, number[], string, string[]][] = [
      ['rep', 20, [3, 3, 2, 3], 'Торопится с презентацией, не задаёт открытых вопросов.', ['Подготовить 5 открытых вопросов для дилеров']],
      ['rep', 6, [4, 4, 3, 4], 'Стало лучше: выясняет объёмы и сезонность.', ['Отработать возражение «дорого» с коучем']],
      ['rep-volga', 13, [4, 3, 4, 4], 'Хорошо держит следующий шаг.', []],
      ['rep-fareast', 9, [2, 2, 3, 2], 'Нет актуальных контактов — начать с обновления базы.', ['Обновить контакты закупщиков 10 дилеров']],
    ];
    for (const [key, daysAgo, scores, notes, actions] of sessions) {
      const names = ['Подготовка', 'Выявление потребностей', 'Работа с возражениями', 'Следующий шаг'];
      const weights = [0.2, 0.3, 0.25, 0.25];
      const score = Math.round(scores.reduce((sum, x, i) => sum + x * weights[i], 0) * 100) / 100;
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO coaching_session (organization_id, coach_member_id, coachee_member_id, template_id, held_on, scores, score, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [organizationId, memberId('coach'), memberId(key), template.id, dayOf(now - daysAgo * DAY), JSON.stringify(scores.map((x, i) => ({ criterion: names[i], score: x }))), score, notes],
      );
      for (const title of actions) await tx.query('INSERT INTO coaching_action (session_id, title, due_on) VALUES ($1, $2, $3)', [row.id, title, dayOf(now + 7 * DAY)]);
    }
  }
}
