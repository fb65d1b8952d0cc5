import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { canvasHasPixels, describeInBrowser, shoot, signIn as openSession, type Session, type BrowserSuite } from '../support/browser-suite';

interface FunnelAnswer {
  pipelineName: string;
  totalDeals: number;
  won: number;
  lost: number;
  winRate: number | null;
  medianDaysToWin: number | null;
  wonAmount: number;
  weightedPipeline: number;
  stages: { id: string; name: string; count: number; amount: number; reached: number; conversionToNext: number | null; avgDaysInStage?: number | null }[];
  salesVelocity?: number | null;
}

/** A GraphQL call straight to the server as a demo user (what the page must show). */
async function graphql<T>(suite: BrowserSuite, email: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const post = async (body: unknown, token?: string) => {
    const response = await fetch(`${suite.server.url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data: T; errors?: unknown[] };
  };
  const login = await post({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', variables: { e: email, p: 'salescircle' } });
  const token = (login.data as unknown as { login: { accessToken: string } }).login.accessToken;
  const answer = await post({ query, variables }, token);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

/**
 * The analytics pages on the real built server with the demo company: the director's funnel
 * (drawn, its figures equal to the API's, as a table, exported as CSV and XLSX), the forecast,
 * a rep's own scorecard, the role dashboards, and the director's import of the maven-crm
 * sample as a dry run. Screenshots in both languages go to test-results/browser.
 */
describeInBrowser('analytics: funnel, forecast, scorecards, dashboards and import in a real browser', 'analytics', (suite) => {
  const signIn = (email: string, locale: 'en' | 'ru'): Promise<Session> => openSession(suite, email, locale);

  async function switchLocale(page: Page, locale: 'en' | 'ru', text: string): Promise<void> {
    await page.selectOption('[data-testid="locale-switch"]', locale);
    await page.waitForFunction((expected) => document.body.innerText.includes(expected), text);
    await page.waitForTimeout(300);
  }

  const tileValue = async (page: Page, key: string): Promise<string> => (await page.getAttribute(`[data-testid="stat-${key}"]`, 'data-value')) ?? '';

  it('shows the director the funnel the API computes, as a chart and as a table, and exports it', async () => {
    const expected = (await graphql<{ funnel: FunnelAnswer }>(suite, 'director@demo.local', '{ funnel(filter: {}) { pipelineName totalDeals won lost winRate medianDaysToWin wonAmount weightedPipeline salesVelocity stages { id name count amount reached conversionToNext avgDaysInStage } } }')).funnel;
    expect(expected.totalDeals).toBeGreaterThan(0);

    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="analytics"]');
      await page.waitForSelector('[data-testid="funnel-chart"]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid="performance-chart"]');
      await page.waitForTimeout(300);
      expect(await canvasHasPixels(page, '[data-testid="funnel-chart"]')).toBe(true);
      expect(await canvasHasPixels(page, '[data-testid="performance-chart"]')).toBe(true);

      // The headline figures are the API's.
      expect(Number(await tileValue(page, 'total'))).toBe(expected.totalDeals);
      expect(Number(await tileValue(page, 'win-rate'))).toBeCloseTo(expected.winRate ?? 0, 6);
      expect(Number(await tileValue(page, 'won-amount'))).toBe(expected.wonAmount);
      expect(Number(await tileValue(page, 'weighted'))).toBe(expected.weightedPipeline);
      expect(await page.innerText('[data-testid="stat-win-rate"] [data-testid="stat-value"]')).toBe(`${Math.round((expected.winRate ?? 0) * 1000) / 10}%`);
      expect(await page.innerText('[data-testid="stat-won-amount"] [data-testid="stat-value"]')).toBe(`₽${expected.wonAmount.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);
      const counts = await page.locator('[data-testid="funnel-step-count"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
      expect(counts).toEqual(expected.stages.map((s) => s.count));
      expect(await page.getAttribute('[data-testid="funnel-chart"]', 'aria-label')).toContain(expected.stages[0]!.name);
      await shoot(page, 'analytics-funnel-en.png');

      // The table view: one row per stage with the same figures.
      await page.click('[data-testid="funnel-card-view-table"]');
      await page.waitForSelector('[data-testid="funnel-card-table"]');
      expect(await page.locator('[data-testid="funnel-chart"]').count()).toBe(0);
      const rows = page.locator('[data-testid="funnel-card-row"]');
      expect(await rows.count()).toBe(expected.stages.length);
      expect(await rows.first().locator('[data-col="reached"]').innerText()).toBe(expected.stages[0]!.reached.toLocaleString('en-US'));
      expect(await rows.first().locator('[data-col="count"]').innerText()).toBe(expected.stages[0]!.count.toLocaleString('en-US'));

      // CSV made in the page: BOM, ";"-separated, a header and one line per stage.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="funnel-card-csv"]')]);
      expect(download.suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).trim().split('\r\n');
      expect(lines[0]).toBe('Stage;Reached;In stage now;Amount now;To next stage;Probability;Avg. days in stage');
      expect(lines).toHaveLength(expected.stages.length + 1);
      expect(lines[1]).toBe(`${expected.stages[0]!.name};${expected.stages[0]!.reached};${expected.stages[0]!.count};${expected.stages[0]!.amount};${expected.stages[0]!.conversionToNext ?? ''};0.1;${expected.stages[0]!.avgDaysInStage ?? ''}`);

      // XLSX: a zip (PK) workbook, lazily loaded.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="funnel-card-xlsx"]')]);
      expect(xlsx.suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const bytes = readFileSync((await xlsx.path())!);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

      // The performance table sorts by a click on a header.
      await page.click('[data-testid="performance-card-view-table"]');
      await page.click('[data-testid="performance-card-sort-lost"]');
      const lost = await page.locator('[data-testid="performance-card-row"] [data-col="lost"]').allInnerTexts();
      expect(lost.map(Number)).toEqual([...lost.map(Number)].sort((a, b) => b - a));

      // Russian: spaces for thousands and ₽ after the number.
      await page.click('[data-testid="funnel-card-view-chart"]');
      await page.click('[data-testid="performance-card-view-chart"]');
      await switchLocale(page, 'ru', 'Воронка по этапам');
      await page.waitForTimeout(300);
      expect(await canvasHasPixels(page, '[data-testid="funnel-chart"]')).toBe(true);
      expect(await page.innerText('[data-testid="stat-won-amount"] [data-testid="stat-value"]')).toMatch(/^[\d\s\u00a0]+₽$/);
      await shoot(page, 'analytics-funnel-ru.png');

      // A team narrows it: the figures follow the API's answer for that team.
      const teams = (await graphql<{ teams: { id: string; name: string }[] }>(suite, 'director@demo.local', '{ teams { id name } }')).teams;
      const team = teams[0]!;
      const forTeam = (await graphql<{ funnel: FunnelAnswer }>(suite, 'director@demo.local', 'query($t: ID) { funnel(filter: { teamId: $t }) { totalDeals } }', { t: team.id })).funnel;
      await page.selectOption('[data-testid="analytics-filter-team"]', team.id);
      await page.waitForFunction((n) => document.querySelector('[data-testid="stat-total"]')?.getAttribute('data-value') === String(n), forTeam.totalDeals, { timeout: 20_000 });
      expect(page.url()).toContain(`team=${team.id}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('narrows the funnel by the owners\' stage role and the client segment, keeps it in the link, and says when nothing matches', async () => {
    const funnelFor = async (filter: Record<string, unknown>) =>
      (await graphql<{ funnel: FunnelAnswer }>(suite, 'director@demo.local', 'query($f: AnalyticsFilter!) { funnel(filter: $f) { totalDeals salesVelocity stages { id name count reached avgDaysInStage } } }', { f: filter })).funnel;
    const all = await funnelFor({});
    const hunters = await funnelFor({ stageRole: 'HUNTER' });
    const prospectors = await funnelFor({ stageRole: 'PROSPECTOR' });
    // The demo's hunters own some of the deals; prospectors hand leads on and own none.
    expect(hunters.totalDeals).toBeGreaterThan(0);
    expect(hunters.totalDeals).toBeLessThan(all.totalDeals);
    expect(prospectors.totalDeals).toBe(0);

    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="analytics"]');
      await page.waitForSelector('[data-testid="funnel-chart"]', { timeout: 20_000 });
      await page.click('[data-testid="funnel-card-view-table"]');
      const counts = () => page.locator('[data-testid="funnel-card-row"] [data-col="count"]').allInnerTexts();
      expect((await counts()).map((c) => Number(c.replace(/,/g, '')))).toEqual(all.stages.map((s) => s.count));

      // A stage role: the table follows the API's answer for the hunters' deals.
      await page.selectOption('[data-testid="funnel-filter-role"]', 'HUNTER');
      await page.waitForFunction((n) => document.querySelector('[data-testid="stat-total"]')?.getAttribute('data-value') === String(n), hunters.totalDeals, { timeout: 20_000 });
      expect(page.url()).toContain('role=HUNTER');
      expect((await counts()).map((c) => Number(c.replace(/,/g, '')))).toEqual(hunters.stages.map((s) => s.count));
      const days = await page.locator('[data-testid="funnel-card-row"] [data-col="avgDays"]').allInnerTexts();
      expect(days.map((d) => (d === '—' ? null : Number(d)))).toEqual(hunters.stages.map((s) => (s.avgDaysInStage === null || s.avgDaysInStage === undefined ? null : Math.round(s.avgDaysInStage * 10) / 10)));
      expect(Number(await page.getAttribute('[data-testid="velocity-value"]', 'data-value'))).toBe(hunters.salesVelocity ?? 0);
      await page.click('[data-testid="funnel-card-view-chart"]');
      await page.waitForSelector('[data-testid="funnel-chart"]');
      await page.waitForTimeout(300);
      await shoot(page, 'analytics-funnel-filtered-en.png');

      // The link reproduces the view in a fresh page.
      const link = page.url();
      const fresh = await context.newPage();
      await fresh.goto(link);
      await fresh.waitForFunction((n) => document.querySelector('[data-testid="stat-total"]')?.getAttribute('data-value') === String(n), hunters.totalDeals, { timeout: 20_000 });
      expect(await fresh.inputValue('[data-testid="funnel-filter-role"]')).toBe('HUNTER');
      await fresh.close();

      // The client segment on top: category and channel; the figures are the API's for all three.
      const segment = await funnelFor({ stageRole: 'HUNTER', category: 2, channel: 'DEALER' });
      await page.selectOption('[data-testid="funnel-filter-category"]', '2');
      await page.selectOption('[data-testid="funnel-filter-channel"]', 'DEALER');
      await page.waitForFunction((n) => document.querySelector('[data-testid="stat-total"]')?.getAttribute('data-value') === String(n), segment.totalDeals, { timeout: 20_000 });
      expect(new URL(page.url()).searchParams.toString()).toBe('role=HUNTER&category=2&channel=DEALER');
      const steps = await page.locator('[data-testid="funnel-step-count"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
      if (segment.totalDeals > 0) expect(steps).toEqual(segment.stages.map((s) => s.count));
      await page.waitForTimeout(300);
      await shoot(page, 'analytics-funnel-segment-en.png');
      await switchLocale(page, 'ru', 'Категория клиента');
      await page.waitForTimeout(300);
      await shoot(page, 'analytics-funnel-segment-ru.png');

      // Prospectors own no deals: the empty state, with a way back.
      await page.selectOption('[data-testid="funnel-filter-role"]', 'PROSPECTOR');
      await page.waitForSelector('[data-testid="funnel-card"] [data-testid="empty-state"]', { timeout: 20_000 });
      expect(await page.innerText('[data-testid="funnel-card"] [data-testid="empty-state"]')).toContain('Под фильтр не попала ни одна сделка');
      await page.waitForTimeout(300);
      await shoot(page, 'analytics-funnel-empty-ru.png');
      await switchLocale(page, 'en', 'No deals match the filter.');
      await shoot(page, 'analytics-funnel-empty-en.png');
      await page.click('[data-testid="funnel-empty-reset"]');
      await page.waitForFunction((n) => document.querySelector('[data-testid="stat-total"]')?.getAttribute('data-value') === String(n), all.totalDeals, { timeout: 20_000 });
      expect(new URL(page.url()).search).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the forecast with its categories and the per-person roll-up', async () => {
    const expected = (await graphql<{ forecast: { closed: number; commit: number; bestCase: number; weightedPipeline: number; byMember: unknown[] } }>(suite, 'director@demo.local', '{ forecast(filter: {}) { closed commit bestCase weightedPipeline byMember { member { id } } } }')).forecast;
    const { context, page, errors } = await signIn('director@demo.local', 'ru');
    try {
      await page.click('[data-nav="analytics"]');
      await page.click('[data-testid="analytics-tabs"] [data-tab="forecast"]');
      await page.waitForSelector('[data-testid="forecast-page"] [data-testid="stat-tiles"]', { timeout: 20_000 });
      expect(Number(await tileValue(page, 'commit'))).toBe(expected.commit);
      expect(Number(await tileValue(page, 'best-case'))).toBe(expected.bestCase);
      expect(Number(await tileValue(page, 'weighted'))).toBe(expected.weightedPipeline);
      expect(await page.locator('[data-testid="forecast-members-row"]').count()).toBe(expected.byMember.length);
      if (await page.locator('[data-testid="forecast-chart"]').count()) {
        await page.waitForTimeout(300);
        expect(await canvasHasPixels(page, '[data-testid="forecast-chart"]')).toBe(true);
      }
      await shoot(page, 'analytics-forecast-ru.png');

      // A quarter: wider, so at least as much is expected to close.
      await page.click('[data-testid="forecast-period"] [data-grain="quarter"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="forecast-period-label"]')?.textContent?.includes('квартал'));
      await page.waitForFunction((before) => Number(document.querySelector('[data-testid="stat-best-case"]')?.getAttribute('data-value')) >= before, expected.bestCase);
      await switchLocale(page, 'en', 'Where the number comes from');
      await page.waitForTimeout(300);
      await shoot(page, 'analytics-forecast-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('rolls the forecast up by team, stage role and category as the API does', async () => {
    const expected = (
      await graphql<{ forecast: { byTeam: { teamId: string | null; teamName: string | null; members: number; weighted: number }[]; byStageRole: unknown[] } }>(
        suite,
        'director@demo.local',
        '{ forecast(filter: {}) { byTeam { teamId teamName members weighted } byStageRole { stageRole } } }',
      )
    ).forecast;
    expect(expected.byTeam.length).toBeGreaterThan(0);
    const { context, page, errors } = await signIn('director@demo.local', 'ru');
    try {
      await page.click('[data-nav="analytics"]');
      await page.click('[data-testid="analytics-tabs"] [data-tab="forecast"]');
      await page.waitForSelector('[data-testid="forecast-rollup-views"]', { timeout: 20_000 });
      await page.click('[data-testid="forecast-rollup-views"] [data-view="team"]');
      await page.waitForSelector('[data-testid="forecast-rollup-row"]');
      const rows = await page.locator('[data-testid="forecast-rollup-row"]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-key'), el.querySelector('[data-col="team"]')?.textContent?.trim(), el.querySelector('[data-col="members"]')?.textContent?.trim()]));
      expect(rows).toEqual(expected.byTeam.map((r) => [r.teamId ?? 'none', r.teamName ?? 'Без команды', String(r.members)]));
      await page.locator('[data-testid="forecast-rollup"]').scrollIntoViewIfNeeded();
      await shoot(page, 'analytics-forecast-rollup-ru.png');
      await page.click('[data-testid="forecast-rollup-views"] [data-view="stageRole"]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="forecast-rollup-row"]').length === n && !!document.querySelector('[data-testid="forecast-rollup"] [data-col="stageRole"]'), expected.byStageRole.length);
      await page.click('[data-testid="forecast-rollup-views"] [data-view="team"]');
      await switchLocale(page, 'en', 'Where the number comes from');
      await page.waitForSelector('[data-testid="forecast-rollup-row"]');
      await shoot(page, 'analytics-forecast-rollup-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the product manager their product's lines with the scope named", async () => {
    const { context, page, errors } = await signIn('pm@demo.local', 'ru');
    try {
      await page.click('[data-nav="kpis"]');
      await page.waitForSelector('[data-testid="scorecard-page"] [data-testid="score-scope"]', { timeout: 20_000 });
      const metrics = await page.locator('[data-testid="scorecard-page"] [data-testid="score-line"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-metric')));
      expect(metrics).toEqual(['PRODUCT_REVENUE', 'PRODUCT_CLIENTS', 'PRODUCT_SHARE']);
      expect(await page.locator('[data-testid="scorecard-page"] [data-testid="score-scope"]').first().innerText()).toBe('Продукт: Сетевое оборудование');
      await shoot(page, 'analytics-scorecard-pm-ru.png');
      await switchLocale(page, 'en', 'Product: Сетевое оборудование');
      await shoot(page, 'analytics-scorecard-pm-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a rep their own scorecard, and their dashboard", async () => {
    const me = (await graphql<{ me: { member: { id: string; name: string } } }>(suite, 'rep@demo.local', '{ me { member { id name } } }')).me.member;
    const expected = (await graphql<{ scorecard: { score: number; lines: { metric: string; status: string }[] } }>(suite, 'rep@demo.local', 'query($m: ID!) { scorecard(memberId: $m) { score lines { metric status } } }', { m: me.id })).scorecard;
    const { context, page, errors } = await signIn('rep@demo.local', 'ru');
    try {
      // The dashboard: my scorecard, my processes, my clients needing attention.
      await page.waitForSelector('[data-testid="home-rep"] [data-testid="my-scorecard"] [data-testid="scorecard"]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid="attention-clients"]');
      await page.waitForSelector('[data-testid="my-processes"] [data-testid="sprint-summary"], [data-testid="my-processes"] [data-testid="empty-state"]');
      await shoot(page, 'analytics-home-rep-ru.png');

      await page.click('[data-nav="kpis"]');
      await page.waitForSelector('[data-testid="scorecard-page"] [data-testid="scorecard"]', { timeout: 20_000 });
      expect(await page.innerText('[data-testid="page-title"]')).toBe('Мои KPI');
      expect(await page.getAttribute('[data-testid="scorecard-page"] [data-testid="scorecard"]', 'data-member')).toBe(me.id);
      expect(Number(await page.getAttribute('[data-testid="scorecard-page"] [data-testid="scorecard"]', 'data-score'))).toBeCloseTo(expected.score, 6);
      const lines = await page.locator('[data-testid="scorecard-page"] [data-testid="score-line"]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-metric'), el.getAttribute('data-status')]));
      expect(lines).toEqual(expected.lines.map((l) => [l.metric, l.status]));
      // A rep has no one else to pick.
      expect(await page.locator('[data-testid="scorecard-member"]').count()).toBe(0);
      await shoot(page, 'analytics-scorecard-ru.png');
      await switchLocale(page, 'en', 'My KPIs');
      await shoot(page, 'analytics-scorecard-en.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the coach the notes of their sessions with a rep, and the director only that they are private', async () => {
    const rep = (await graphql<{ me: { member: { id: string } } }>(suite, 'rep@demo.local', '{ me { member { id } } }')).me.member;
    const expected = (await graphql<{ coachingSessions: { id: string; notes: string | null }[] }>(suite, 'coach@demo.local', 'query($m: ID!) { coachingSessions(memberId: $m) { id notes } }', { m: rep.id })).coachingSessions;
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((s) => !!s.notes)).toBe(true);

    const coach = await signIn('coach@demo.local', 'en');
    try {
      await coach.page.click('[data-nav="coaching"]');
      await coach.page.waitForSelector('[data-testid="coaching-page"] [data-testid="coaching-member"]', { timeout: 20_000 });
      await coach.page.selectOption('[data-testid="coaching-member"]', rep.id);
      await coach.page.waitForSelector('[data-testid="coaching-session-notes"]', { timeout: 20_000 });
      expect(coach.page.url()).toBe(`${suite.server.url}/coaching/${rep.id}`);
      const notes = await coach.page.locator('[data-testid="coaching-session-notes"]').allInnerTexts();
      expect(notes).toEqual(expected.map((s) => s.notes));
      expect(await coach.page.locator('[data-testid="coaching-session-private"]').count()).toBe(0);
      expect(await coach.page.locator('[data-testid="coaching-form"]').count()).toBe(1);
      await coach.page.waitForSelector('[data-testid="coaching-history"]');
      await coach.page.waitForTimeout(300);
      await shoot(coach.page, 'analytics-coaching-coach-en.png');
      expect(coach.errors).toEqual([]);
    } finally {
      await coach.context.close();
    }

    const director = await signIn('director@demo.local', 'ru');
    try {
      await director.page.goto(`${suite.server.url}/coaching/${rep.id}`);
      await director.page.waitForSelector('[data-testid="coaching-session"]', { timeout: 20_000 });
      expect(await director.page.locator('[data-testid="coaching-session"]').count()).toBe(expected.length);
      expect(await director.page.locator('[data-testid="coaching-session-notes"]').count()).toBe(0);
      expect(await director.page.locator('[data-testid="coaching-session-private"]').allInnerTexts()).toEqual(expected.map(() => 'Видят только коуч и сотрудник'));
      const text = await director.page.innerText('[data-testid="coaching-sessions"]');
      for (const s of expected) expect(text).not.toContain(s.notes);
      await director.page.waitForTimeout(300);
      await shoot(director.page, 'analytics-coaching-director-ru.png');
      await switchLocale(director.page, 'en', 'Private to the coach and the coachee');
      await shoot(director.page, 'analytics-coaching-director-en.png');
      expect(director.errors).toEqual([]);
    } finally {
      await director.context.close();
    }
  });

  it('gives the director, the lead and the coach their dashboards with real figures', async () => {
    for (const [email, home, card, locale] of [
      ['director@demo.local', 'home-director', 'kpi-transparency', 'ru'],
      ['lead@demo.local', 'home-lead', 'team-pace', 'en'],
      ['coach@demo.local', 'home-coach', 'coachees', 'ru'],
    ] as const) {
      const { context, page, errors } = await signIn(email, locale);
      try {
        await page.waitForSelector(`[data-testid="${home}"] [data-testid="${card}-chart"]`, { timeout: 30_000 });
        await page.waitForSelector(`[data-testid="${card}-behind"]`);
        await page.waitForTimeout(300);
        expect(await canvasHasPixels(page, `[data-testid="${card}-chart"]`)).toBe(true);
        if (home === 'home-director') {
          // the KPI card says what the API sums up: people behind overall, and per team with anyone behind
          const { kpiSummary } = await graphql<{ kpiSummary: { overall: { behind: number }; teams: { team: { name: string } | null; behind: number; people: number }[] } }>(
            suite, email, '{ kpiSummary(filter: {}) { overall { behind } teams { team { name } behind people } } }');
          expect(await page.getAttribute('[data-testid="kpi-transparency-behind"]', 'data-count')).toBe(String(kpiSummary.overall.behind));
          const lagging = kpiSummary.teams.filter((g) => g.behind > 0 && g.team);
          expect(await page.locator('[data-testid="kpi-behind-team"] a.kpi-behind__team').allInnerTexts()).toEqual(lagging.map((g) => g.team!.name));
          await page.waitForSelector('[data-testid="team-funnel-chart"]');
          await page.waitForSelector('[data-testid="forecast-headline"] [data-testid="stat-tiles"]');
        }
        if (home === 'home-lead') {
          await page.waitForSelector('[data-testid="sprint-pulse"] [data-testid="sprint-summary"]');
          // the demo's running sprint reminds people this week (a recurring one every two days at least)
          await page.waitForSelector('[data-testid="team-reminders"] [data-testid="team-reminder"]');
        }
        await page.waitForTimeout(300);
        await shoot(page, `analytics-${home}-${locale}.png`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('lets the director check the maven-crm sample with a dry run and read the row-level report', async () => {
    const folder = `${__dirname}/../fixtures/maven-crm`;
    const { context, page, errors } = await signIn('director@demo.local', 'en');
    try {
      await page.click('[data-nav="analytics"]');
      await page.click('[data-testid="analytics-tabs"] [data-tab="import"]');
      await page.waitForSelector('[data-testid="import-form"]', { timeout: 20_000 });
      await page.setInputFiles('[data-testid="import-files"]', ['accounts.csv', 'products.csv', 'sales_teams.csv', 'sales_pipeline.csv'].map((f) => `${folder}/${f}`));
      expect(await page.innerText('[data-testid="import-chosen-salesPipeline"]')).toBe('sales_pipeline.csv');
      await page.fill('[data-testid="import-pipeline"]', 'Maven CRM');
      expect(await page.isChecked('[data-testid="import-dry-run"]')).toBe(true);
      await page.click('[data-testid="import-submit"]');
      const report = page.locator('[data-testid="import-report"]');
      await report.waitFor({ timeout: 120_000 });
      expect(await report.getAttribute('data-status')).toBe('DRY_RUN');
      // Every input row is accounted for: the outcomes of each file add up to its rows.
      const files = page.locator('[data-testid="import-files-report-row"]');
      expect(await files.count()).toBe(4);
      let total = 0;
      for (let i = 0; i < 4; i++) {
        const row = files.nth(i);
        const n = async (col: string) => Number((await row.locator(`[data-col="${col}"]`).innerText()).replace(/[^\d]/g, ''));
        const rows = await n('rows');
        total += rows;
        expect((await n('imported')) + (await n('updated')) + (await n('unchanged')) + (await n('reconciled')) + (await n('rejected'))).toBe(rows);
      }
      expect(Number(await report.getAttribute('data-total'))).toBe(total);
      await page.waitForTimeout(300);
      await shoot(page, 'analytics-import-en.png');
      await switchLocale(page, 'ru', 'Строки по файлам');
      await shoot(page, 'analytics-import-ru.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
