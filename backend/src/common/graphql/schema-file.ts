import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AnalyticsResolver } from '../../modules/analytics/analytics.resolver';
import { PerformanceResolver } from '../../modules/analytics/performance.resolver';
import { TeamKpiResolver } from '../../modules/analytics/team-kpi.resolver';
import { AuthResolver } from '../../modules/auth/auth.resolver';
import { AssignmentRecordResolver, ClientsResolver } from '../../modules/clients/clients.resolver';
import { RulesResolver } from '../../modules/clients/rules.resolver';
import { MembersResolver, ReportingLineResolver } from '../../modules/members/members.resolver';
import { OrganizationResolver } from '../../modules/organization/organization.resolver';
import { TeamResolver } from '../../modules/team/team.resolver';
import { NotificationsResolver, SalesProcessResolver, SprintsResolver } from '../../modules/sprints/sprints.resolver';
import { UsersResolver } from '../../modules/users/users.resolver';
import { ImportsResolver } from '../../modules/imports/imports.resolver';
import { CsvImportResolver } from '../../modules/imports/csv-import.resolver';
import { PipelinesResolver } from '../../modules/pipelines/pipelines.resolver';

/** Every resolver class of the API (the schema printer and the permission test enumerate them). */
export const SCHEMA_RESOLVERS = [AuthResolver, UsersResolver, OrganizationResolver, TeamResolver, MembersResolver, ReportingLineResolver, ClientsResolver, AssignmentRecordResolver, RulesResolver, SprintsResolver, SalesProcessResolver, NotificationsResolver, AnalyticsResolver, PerformanceResolver, TeamKpiResolver, PipelinesResolver, ImportsResolver, CsvImportResolver] as const;

const HEADER = `# ------------------------------------------------------
# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
# ------------------------------------------------------
`;

/** The committed schema file's text: sorted, with the generated-file header. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${HEADER}\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
