import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config';
import { sqlCounter } from '../../database/sql-counter';
import type { LoadersFactory } from '../context/loaders';
import type { MetricsService } from '../../modules/ops/metrics.service';
import type { RequestContext } from '../context/request-context';
import { formatGraphQLError } from '../errors/format-error';
import { jitExecutionPlugin } from './jit-execution';

/** Limits against abuse; the numbers are documented in the README. */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5_000,
  maxTokens: 2_000,
  maxDirectives: 20,
} as const;

/** In non-production modes, tells test helpers how many SQL statements a request ran. */
function sqlCountPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const count = sqlCounter.current();
          if (count !== null) response.http.headers.set('x-sql-statements', String(count));
        },
      };
    },
  };
}

export function graphqlOptions(config: AppConfig, loaders: LoadersFactory, metrics?: MetricsService): ApolloDriverConfig {
  const logger = new Logger('GraphQL');
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ignoreIntrospection: true },
    // Armor's token plugin throws from a plugin hook (a 500 for every syntax error); graphql-js
    // counts tokens itself through parseOptions below.
    maxTokens: { enabled: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
  // Cache control (installed by default) wraps every field's resolver to collect cache hints we
  // never send; on a board of 20 cards that is several hundred wrapped calls per request.
  const plugins: ApolloServerPlugin[] = [ApolloServerPluginCacheControlDisabled(), ...armor.plugins];
  if (metrics) plugins.push(metrics.graphqlPlugin());
  if (config.graphqlJit) plugins.push(jitExecutionPlugin({ onOutcome: metrics ? (outcome) => metrics.countJitOutcome(outcome) : undefined }));
  if (config.exposesSqlCount) plugins.push(sqlCountPlugin() as ApolloServerPlugin);
  if (!config.isProduction) plugins.push(ApolloServerPluginLandingPageLocalDefault({ embed: true }));
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    formatError: (formatted, error) => formatGraphQLError(formatted, error, logger),
    // Apollo pretty-prints responses by default (two-space indentation): on a thousand KPI cards
    // that was several milliseconds of CPU and a third more bytes per request. Compact JSON.
    stringifyResult: (value) => JSON.stringify(value),
    // Live updates: GraphQL subscriptions over WebSocket (graphql-ws) on the same path.
    subscriptions: { 'graphql-ws': { path: '/graphql' } },
    context: (arg: { req?: Request; res?: Response; connectionParams?: Record<string, unknown>; extra?: { request?: { socket?: { remoteAddress?: string } } } }): RequestContext => {
      if (arg.req) return { req: arg.req, res: arg.res as Response, viewer: null, loaders: loaders.create() };
      // A WebSocket operation: the token comes in the connection_init payload, as over HTTP.
      const authorization = typeof arg.connectionParams?.authorization === 'string' ? arg.connectionParams.authorization : undefined;
      const req = { headers: { authorization }, ip: arg.extra?.request?.socket?.remoteAddress } as unknown as Request;
      return { req, res: undefined as unknown as Response, viewer: null, loaders: loaders.create() };
    },
  };
}
