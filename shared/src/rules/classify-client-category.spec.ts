import { classifyClientCategory, thresholdProblems } from './classify-client-category';

describe('classifyClientCategory', () => {
  const t = { category1From: 30_000_000, category2From: 5_000_000 };

  it('uses the thresholds inclusively', () => {
    expect(classifyClientCategory(30_000_000, 0, t)).toBe(1);
    expect(classifyClientCategory(29_999_999.99, 0, t)).toBe(2);
    expect(classifyClientCategory(5_000_000, 0, t)).toBe(2);
    expect(classifyClientCategory(4_999_999, 0, t)).toBe(3);
  });

  it('lets real purchases lift a client above its estimated potential', () => {
    expect(classifyClientCategory(1_000_000, 6_000_000, t)).toBe(2);
  });

  it('checks the thresholds are ordered', () => {
    expect(thresholdProblems({ category1From: 5, category2From: 10 })).toEqual({
      reason: 'CATEGORY_THRESHOLDS_ORDER',
      message: 'The category 1 threshold must be above the category 2 threshold.',
      params: { category1From: 5, category2From: 10 },
    });
    expect(thresholdProblems({ category1From: 10, category2From: 0 })).toEqual({ reason: 'CATEGORY2_THRESHOLD_NOT_POSITIVE', message: 'The category 2 threshold must be above zero.', params: { category2From: 0 } });
    expect(thresholdProblems(t)).toBeNull();
  });
});
