import { defaultKpis, isRateMetric, pipelineCoverage, portfolioGrowth, retention, scaleDefaultTarget, scorecardLine, scorecardScore } from './kpi-scorecard';

describe('KPI scorecard', () => {
  it('gives each role its defaults from the seeds', () => {
    expect(defaultKpis('SALES', 'PROSPECTOR').map((k) => k.metric)).toEqual(['CALLS', 'WARM_LEADS_HANDED']);
    expect(defaultKpis('SALES', 'HUNTER').map((k) => k.metric)).toContain('FIRST_ORDERS');
    expect(defaultKpis('SALES', 'FARMER').map((k) => k.metric)).toContain('REVENUE');
    for (const role of ['SALES', 'LEAD'] as const) {
      const weights = defaultKpis(role, role === 'SALES' ? 'HUNTER' : null).reduce((s, k) => s + k.weight, 0);
      expect(weights).toBeCloseTo(1);
    }
  });

  it('judges by pace: half the period gone, half the target done is on track', () => {
    expect(scorecardLine('CALLS', 100, 50, 1, 0.5).status).toBe('ON_TRACK');
    expect(scorecardLine('CALLS', 100, 30, 1, 0.5).status).toBe('BEHIND');
    expect(scorecardLine('CALLS', 100, 70, 1, 0.5)).toMatchObject({ status: 'AHEAD', pace: 50, attainment: 0.7 });
  });

  it('compares rates with the target itself, not a share of it', () => {
    expect(scorecardLine('WIN_RATE', 0.3, 0.31, 1, 0.1).status).toBe('ON_TRACK');
    expect(scorecardLine('WIN_RATE', 0.3, 0.2, 1, 0.1).status).toBe('BEHIND');
  });

  it('weights attainment, capped at 150%, and skips lines without a target', () => {
    const lines = [scorecardLine('CALLS', 100, 300, 0.5, 1), scorecardLine('REVENUE', 100, 50, 0.5, 1), scorecardLine('MEETINGS', 0, 5, 1, 1)];
    expect(lines[0].attainment).toBe(1.5);
    expect(lines[2].status).toBe('NO_TARGET');
    expect(scorecardScore(lines)).toBe(1);
  });
});

describe('portfolio, retention and coverage metrics', () => {
  it('gives the farmer portfolio growth and retention, the lead pipeline coverage, all as rates', () => {
    expect(defaultKpis('SALES', 'FARMER').map((k) => k.metric)).toEqual(['REVENUE', 'PORTFOLIO_GROWTH', 'RETENTION']);
    expect(defaultKpis('LEAD', null).map((k) => k.metric)).toContain('PIPELINE_COVERAGE');
    for (const metric of ['PORTFOLIO_GROWTH', 'RETENTION', 'PIPELINE_COVERAGE'] as const) expect(isRateMetric(metric)).toBe(true);
  });

  it('measures growth against the period before', () => {
    expect(portfolioGrowth(1_050_000, 1_000_000)).toBe(0.05);
    expect(portfolioGrowth(900_000, 1_000_000)).toBe(-0.1);
    expect(portfolioGrowth(10, 0)).toBe(1);
    expect(portfolioGrowth(0, 0)).toBe(0);
  });

  it('keeps retention to the clients who bought before', () => {
    expect(retention(8, 10)).toBe(0.8);
    expect(retention(0, 0)).toBe(0);
  });

  it('covers the revenue still to be made with the open pipeline', () => {
    expect(pipelineCoverage(3_000_000, 2_000_000, 1_000_000)).toBe(3);
    expect(pipelineCoverage(0, 2_000_000, 0)).toBe(0);
    expect(pipelineCoverage(500_000, 1_000_000, 1_200_000)).toBe(99);
    expect(pipelineCoverage(0, 1_000_000, 1_200_000)).toBe(99);
  });
});

describe('default targets scaled to a period', () => {
  it('keeps a sprint as it is and scales sums to whole things, rates not at all', () => {
    expect(scaleDefaultTarget('CALLS', 400, 14)).toBe(400);
    // a 31-day month: 4 first orders a sprint are 9 (8.86), 10 meetings 22 (22.14), not fractions
    expect(scaleDefaultTarget('FIRST_ORDERS', 4, 31)).toBe(9);
    expect(scaleDefaultTarget('MEETINGS', 10, 31)).toBe(22);
    expect(scaleDefaultTarget('REVENUE', 3_000_000, 31)).toBe(6_642_857);
    expect(scaleDefaultTarget('PRODUCT_REVENUE', 1_000_000, 30)).toBe(2_142_857);
    expect(scaleDefaultTarget('WIN_RATE', 0.3, 31)).toBe(0.3);
    expect(scaleDefaultTarget('RETENTION', 0.8, 3)).toBe(0.8);
  });

  it('never scales a positive count to nothing, nor a zero to something', () => {
    expect(scaleDefaultTarget('COACHING_SESSIONS', 8, 1)).toBe(1);
    expect(scaleDefaultTarget('FIRST_ORDERS', 1, 2)).toBe(1);
    expect(scaleDefaultTarget('CALLS', 0, 31)).toBe(0);
  });
});
