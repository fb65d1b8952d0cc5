import type { RuleProblem } from '../domain/error-codes';

/** The director's thresholds: a client is category 1 from `category1From`, 2 from `category2From`, else 3. */
export interface CategoryThresholds {
  /** Annual potential (or annual volume, whichever is larger) from which a client is category 1. */
  category1From: number;
  category2From: number;
}

export const DEFAULT_CATEGORY_THRESHOLDS: CategoryThresholds = { category1From: 30_000_000, category2From: 5_000_000 };

/**
 * The client category (1 = largest) from potential and the last year's purchase volume:
 * the larger of the two decides, so a client buying above its estimated potential moves up.
 */
export function classifyClientCategory(annualPotential: number, annualVolume: number, thresholds: CategoryThresholds = DEFAULT_CATEGORY_THRESHOLDS): 1 | 2 | 3 {
  const size = Math.max(annualPotential, annualVolume);
  if (size >= thresholds.category1From) return 1;
  if (size >= thresholds.category2From) return 2;
  return 3;
}

/** Why the director's thresholds cannot work (category 2 from above zero, category 1 above it), or null. */
export function thresholdProblems(t: CategoryThresholds): RuleProblem | null {
  if (!(t.category2From > 0)) return { reason: 'CATEGORY2_THRESHOLD_NOT_POSITIVE', message: 'The category 2 threshold must be above zero.', params: { category2From: t.category2From } };
  if (!(t.category1From > t.category2From)) {
    return {
      reason: 'CATEGORY_THRESHOLDS_ORDER',
      message: 'The category 1 threshold must be above the category 2 threshold.',
      params: { category1From: t.category1From, category2From: t.category2From },
    };
  }
  return null;
}
