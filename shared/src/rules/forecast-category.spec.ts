import { defaultForecastCategory, forecastAccuracy } from './forecast-category';

describe('forecast categories', () => {
  it('derives the category from the stage', () => {
    expect(defaultForecastCategory('WON', 1)).toBe('CLOSED');
    expect(defaultForecastCategory('LOST', 0)).toBe('OMITTED');
    expect(defaultForecastCategory('OPEN', 0.8)).toBe('COMMIT');
    expect(defaultForecastCategory('OPEN', 0.4)).toBe('BEST_CASE');
    expect(defaultForecastCategory('OPEN', 0.39)).toBe('PIPELINE');
  });

  it('measures accuracy as one minus the relative error, floored at zero', () => {
    expect(forecastAccuracy(90, 100)).toBe(0.9);
    expect(forecastAccuracy(130, 100)).toBe(0.7);
    expect(forecastAccuracy(300, 100)).toBe(0);
    expect(forecastAccuracy(0, 0)).toBe(1);
    expect(forecastAccuracy(5, 0)).toBe(0);
  });
});
