import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatMetric, type PaceRow } from '@/utils/analytics';
import { formatPercent } from '@/utils/money';
import type { ReportColumn } from '@/utils/table-export';

/** A scorecard line as the tables show it (a person's or a team's). */
export interface KpiLineRow {
  metric: string;
  target: number;
  pace: number;
  actual: number;
  attainment: number;
  weight: number;
  status: string;
}

/**
 * The table columns of KPI figures, one definition for the scorecard page, the team scorecard
 * and the team pace card: a scorecard's lines, and the people's score and what they are behind on.
 */
export function useKpiColumns() {
  const { t, locale } = useI18n();
  const metricNames = (metrics: readonly string[]) => metrics.map((m) => t(`analytics.metrics.${m as 'CALLS'}`)).join(', ');

  function lineColumns<L extends KpiLineRow>(): ComputedRef<ReportColumn<L>[]> {
    return computed<ReportColumn<L>[]>(() => [
      { key: 'metric', label: t('analytics.scorecard.columns.metric'), value: (l) => t(`analytics.metrics.${l.metric as 'CALLS'}`) },
      { key: 'target', label: t('analytics.scorecard.columns.target'), value: (l) => l.target, display: (l) => formatMetric(l.metric, l.target, locale.value), numeric: true },
      { key: 'pace', label: t('analytics.scorecard.columns.pace'), value: (l) => l.pace, display: (l) => formatMetric(l.metric, l.pace, locale.value), numeric: true },
      { key: 'actual', label: t('analytics.scorecard.columns.actual'), value: (l) => l.actual, display: (l) => formatMetric(l.metric, l.actual, locale.value), numeric: true },
      { key: 'attainment', label: t('analytics.scorecard.columns.attainment'), value: (l) => l.attainment, display: (l) => formatPercent(l.attainment, locale.value), numeric: true },
      { key: 'weight', label: t('analytics.scorecard.columns.weight'), value: (l) => l.weight, display: (l) => formatPercent(l.weight, locale.value), numeric: true },
      { key: 'status', label: t('analytics.scorecard.columns.status'), value: (l) => t(`analytics.statuses.${l.status as 'AHEAD'}`) },
    ]);
  }

  /** People by score and what they are behind on; `withTeam` adds the team column after the name. */
  function paceColumns({ withTeam }: { withTeam: boolean }): ComputedRef<ReportColumn<PaceRow>[]> {
    return computed<ReportColumn<PaceRow>[]>(() => [
      { key: 'name', label: t('analytics.pace.columns.member'), value: (r) => r.name, sortable: true },
      ...(withTeam ? [{ key: 'team', label: t('analytics.pace.columns.team'), value: (r: PaceRow) => r.team, sortable: true }] : []),
      { key: 'score', label: t('analytics.pace.columns.score'), value: (r) => r.score, display: (r) => (r.score === null ? '—' : formatPercent(r.score, locale.value)), numeric: true, sortable: true },
      { key: 'behind', label: t('analytics.pace.columns.behind'), value: (r) => metricNames(r.behind), display: (r) => (r.behind.length ? metricNames(r.behind) : t('analytics.pace.onPace')) },
    ]);
  }

  return { lineColumns, paceColumns, metricNames };
}
