import { dealAdvances, isDealAdvance, type AdvanceStage } from './count-deal-advances';
import { isRateMetric, KPI_METRICS } from './kpi-scorecard';

const stage = (position: number, kind: AdvanceStage['kind'] = 'OPEN', pipelineId = 'p'): AdvanceStage => ({ pipelineId, position, kind });

describe('deals advanced', () => {
  it('counts a move to a later stage and into a won stage, never into a lost one', () => {
    expect(isDealAdvance(stage(1), stage(2))).toBe(true);
    expect(isDealAdvance(stage(1), stage(4))).toBe(true);
    expect(isDealAdvance(stage(3), stage(2))).toBe(false);
    expect(isDealAdvance(stage(2), stage(2))).toBe(false);
    expect(isDealAdvance(stage(2), stage(6, 'WON'))).toBe(true);
    expect(isDealAdvance(stage(7, 'LOST'), stage(6, 'WON'))).toBe(true);
    expect(isDealAdvance(stage(6, 'WON'), stage(5, 'WON'))).toBe(false);
    expect(isDealAdvance(stage(2), stage(7, 'LOST'))).toBe(false);
    expect(isDealAdvance(stage(1, 'OPEN', 'a'), stage(2, 'OPEN', 'b'))).toBe(false);
  });

  it("skips the deal's first stage: only moves count", () => {
    expect(dealAdvances([stage(3)])).toEqual([]);
    expect(dealAdvances([stage(1), stage(2), stage(1), stage(3), stage(7, 'LOST'), stage(2), stage(6, 'WON')])).toEqual([1, 3, 6]);
  });

  it('is a count in the catalog, scaled with the period', () => {
    expect(KPI_METRICS).toContain('DEALS_ADVANCED');
    expect(isRateMetric('DEALS_ADVANCED')).toBe(false);
  });
});
