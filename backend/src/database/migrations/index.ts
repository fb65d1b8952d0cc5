import { Foundation1763900000000 } from './1763900000000-foundation';
import { Circle1763900000001 } from './1763900000001-circle';
import { ClientBase1763900000002 } from './1763900000002-client-base';
import { ClientCover1763900000003 } from './1763900000003-client-cover';
import { ClientAggregates1763900000004 } from './1763900000004-client-aggregates';
import { Sprints1763900000005 } from './1763900000005-sprints';
import { Performance1763900000007 } from './1763900000007-performance';
import { Imports1763900000006 } from './1763900000006-imports';
import { MemberKpiDay1763900000008 } from './1763900000008-member-kpi-day';
import { CsvImport1763900000009 } from './1763900000009-csv-import';
import { FunnelTransparency1763900000010 } from './1763900000010-funnel-transparency';
import { DealsAdvanced1763900000011 } from './1763900000011-deals-advanced';
import { RetentionRollup1763900000012 } from './1763900000012-retention-rollup';
import { SharedReasons1763900000013 } from './1763900000013-shared-reasons';
import { CrossRoleScope1763900000014 } from './1763900000014-cross-role-scope';
import { MemberKpiMonth1763900000015 } from './1763900000015-member-kpi-month';
import { TeamKpiTargets1763900000016 } from './1763900000016-team-kpi-targets';
import { RebuildDealForecast1763900000017 } from './1763900000017-rebuild-deal-forecast';
import { ClientWriteIndexes1763900000018 } from './1763900000018-client-write-indexes';
import { ProductMonth1763900000019 } from './1763900000019-product-month';
import { FunnelSlices1763900000020 } from './1763900000020-funnel-slices';
import { RegionMonth1763900000021 } from './1763900000021-region-month';
import { ProductScopeMonth1763900000022 } from './1763900000022-product-scope-month';
import { RetentionDeltas1763900000023 } from './1763900000023-retention-deltas';
import { FunnelSegments1763900000024 } from './1763900000024-funnel-segments';
import { FunnelCategoryProduct1763900000025 } from './1763900000025-funnel-category-product';
import { ProductDay1763900000026 } from './1763900000026-product-day';

/** Every migration, in order. Listed explicitly: nothing is picked up by a file glob. */
export const MIGRATIONS = [
  Foundation1763900000000,
  Circle1763900000001,
  ClientBase1763900000002,
  ClientCover1763900000003,
  ClientAggregates1763900000004,
  Sprints1763900000005,
  Imports1763900000006,
  Performance1763900000007,
  MemberKpiDay1763900000008,
  CsvImport1763900000009,
  FunnelTransparency1763900000010,
  DealsAdvanced1763900000011,
  RetentionRollup1763900000012,
  SharedReasons1763900000013,
  CrossRoleScope1763900000014,
  MemberKpiMonth1763900000015,
  TeamKpiTargets1763900000016,
  RebuildDealForecast1763900000017,
  ClientWriteIndexes1763900000018,
  ProductMonth1763900000019,
  FunnelSlices1763900000020,
  RegionMonth1763900000021,
  ProductScopeMonth1763900000022,
  RetentionDeltas1763900000023,
  FunnelSegments1763900000024,
  FunnelCategoryProduct1763900000025,
  ProductDay1763900000026,
];
