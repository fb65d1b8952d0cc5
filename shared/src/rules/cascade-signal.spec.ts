import { cascadeSignal } from './cascade-signal';

describe('cascadeSignal', () => {
  it('asks to pause telemarketing when hunters are swamped', () => {
    expect(cascadeSignal(30, 20, false)).toEqual({ advice: 'PAUSE_TELEMARKETING', load: 1.5 });
    expect(cascadeSignal(5, 0, false).advice).toBe('PAUSE_TELEMARKETING');
    expect(cascadeSignal(30, 20, true).advice).toBe('STEADY');
  });

  it('asks to resume it when they run dry, and stays steady in between', () => {
    expect(cascadeSignal(2, 20, true)).toEqual({ advice: 'RESUME_TELEMARKETING', load: 0.1 });
    expect(cascadeSignal(2, 20, false).advice).toBe('STEADY');
    expect(cascadeSignal(10, 20, false)).toEqual({ advice: 'STEADY', load: 0.5 });
    expect(cascadeSignal(0, 0, false)).toEqual({ advice: 'STEADY', load: null });
  });
});
