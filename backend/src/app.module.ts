import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './common/auth/auth.guard';
import { LoadersFactory } from './common/context/loaders';
import { graphqlOptions } from './common/graphql/graphql-options';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { createValidationPipe } from './common/graphql/validation.pipe';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { AuthResolver } from './modules/auth/auth.resolver';
import { AuthService } from './modules/auth/auth.service';
import { LoginAttemptRepository } from './modules/auth/login-attempt.repository';
import { PasswordHasher } from './modules/auth/password-hasher';
import { TokenService } from './modules/auth/token.service';
import { TransactionRunner } from './database/transaction-runner';
import { ChangeLogRepository } from './modules/audit/change-log.repository';
import { CircleRepository } from './modules/members/circle.repository';
import { MembersResolver, ReportingLineResolver } from './modules/members/members.resolver';
import { MembersService } from './modules/members/members.service';
import { OrganizationService } from './modules/organization/organization.service';
import { OrganizationTimezone } from './modules/organization/organization-timezone';
import { ClientsExportController } from './modules/clients/clients-export.controller';
import { ClientWriteService } from './modules/clients/client-write.service';
import { ClientsRepository } from './modules/clients/clients.repository';
import { AssignmentRecordResolver, ClientsResolver } from './modules/clients/clients.resolver';
import { ClientsService } from './modules/clients/clients.service';
import { HandoffService } from './modules/clients/handoff.service';
import { ReassignmentService } from './modules/clients/reassignment.service';
import { RoutingService } from './modules/clients/routing.service';
import { RulesRepository } from './modules/clients/rules.repository';
import { RulesResolver } from './modules/clients/rules.resolver';
import { RulesService } from './modules/clients/rules.service';
import { JobsService } from './modules/jobs/jobs.service';
import { DemoClientSeeder } from './modules/demo/demo-client-seeder';
import { DemoSeeder } from './modules/demo/demo-seeder';
import { HealthController } from './modules/health/health.controller';
import { MetricsController } from './modules/ops/metrics.controller';
import { OpsModule } from './modules/ops/ops.module';
import { MetricsService } from './modules/ops/metrics.service';
import { OrganizationRepository } from './modules/organization/organization.repository';
import { OrganizationResolver } from './modules/organization/organization.resolver';
import { TeamRepository } from './modules/team/team.repository';
import { TeamResolver } from './modules/team/team.resolver';
import { TeamService } from './modules/team/team.service';
import { UserRepository } from './modules/users/user.repository';
import { UsersResolver } from './modules/users/users.resolver';
import { UsersService } from './modules/users/users.service';
import { LiveEventsService } from './modules/sprints/live-events.service';
import { AnalyticsRepository } from './modules/analytics/analytics.repository';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver';
import { AnalyticsService } from './modules/analytics/analytics.service';
import { MatrixRepository } from './modules/analytics/matrix.repository';
import { PerformanceRepository } from './modules/analytics/performance.repository';
import { PerformanceResolver } from './modules/analytics/performance.resolver';
import { PerformanceService } from './modules/analytics/performance.service';
import { TeamKpiRepository } from './modules/analytics/team-kpi.repository';
import { TeamKpiResolver } from './modules/analytics/team-kpi.resolver';
import { TeamKpiService } from './modules/analytics/team-kpi.service';
import { RemindersRepository } from './modules/sprints/reminders.repository';
import { RemindersService } from './modules/sprints/reminders.service';
import { NotificationsResolver, SalesProcessResolver, SprintsResolver } from './modules/sprints/sprints.resolver';
import { SprintsRepository } from './modules/sprints/sprints.repository';
import { SprintsService } from './modules/sprints/sprints.service';
import { DemoSprintSeeder } from './modules/demo/demo-sprint-seeder';
import { ImportsRepository } from './modules/imports/imports.repository';
import { ImportsResolver } from './modules/imports/imports.resolver';
import { ImportsService } from './modules/imports/imports.service';
import { CsvImportResolver } from './modules/imports/csv-import.resolver';
import { CsvImportService } from './modules/imports/csv-import.service';
import { PipelinesRepository } from './modules/pipelines/pipelines.repository';
import { PipelinesResolver } from './modules/pipelines/pipelines.resolver';
import { PipelinesService } from './modules/pipelines/pipelines.service';

@Module({})
class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

/** Repositories and loaders: exported to the GraphQL context factory. */
@Module({
  providers: [UserRepository, TeamRepository, OrganizationRepository, LoginAttemptRepository, CircleRepository, ChangeLogRepository, ClientsRepository, SprintsRepository, RemindersRepository, TransactionRunner, LoadersFactory],
  exports: [UserRepository, TeamRepository, OrganizationRepository, LoginAttemptRepository, CircleRepository, ChangeLogRepository, ClientsRepository, SprintsRepository, RemindersRepository, TransactionRunner, LoadersFactory],
})
class RepositoriesModule {}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            serializers: {
              req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        DatabaseModule,
        OpsModule,
        RepositoriesModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [RepositoriesModule, OpsModule],
          inject: [AppConfig, LoadersFactory, MetricsService],
          useFactory: graphqlOptions,
        }),
      ],
      controllers: [HealthController, MetricsController, ClientsExportController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        TokenService,
        PasswordHasher,
        AuthService,
        AuthResolver,
        UsersService,
        UsersResolver,
        OrganizationService,
        OrganizationTimezone,
        OrganizationResolver,
        MembersService,
        MembersResolver,
        ReportingLineResolver,
        TeamService,
        TeamResolver,
        RoutingService,
        HandoffService,
        ClientsService,
        ClientsResolver,
        AssignmentRecordResolver,
        ClientWriteService,
        ReassignmentService,
        RulesRepository,
        RulesService,
        RulesResolver,
        LiveEventsService,
        AnalyticsRepository,
        MatrixRepository,
        AnalyticsService,
        AnalyticsResolver,
        PerformanceRepository,
        PerformanceService,
        PerformanceResolver,
        TeamKpiRepository,
        TeamKpiService,
        TeamKpiResolver,
        SprintsService,
        RemindersService,
        SprintsResolver,
        SalesProcessResolver,
        NotificationsResolver,
        JobsService,
        DemoClientSeeder,
        DemoSprintSeeder,
        DemoSeeder,
        PipelinesRepository,
        PipelinesService,
        PipelinesResolver,
        ImportsRepository,
        ImportsService,
        ImportsResolver,
        CsvImportService,
        CsvImportResolver,
      ],
    };
  }
}
