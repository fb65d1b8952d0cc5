import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** At most this many compiled operations per schema are kept (least recently used dropped). */
const MAX_COMPILED = 500;

/**
 * Queries executed by graphql-jit: each operation is compiled once into a function specialised
 * for its selection (no per-field resolve-info objects, type checks or path bookkeeping), which
 * matters on the large lists (a thousand KPI cards are some 20,000 fields; graphql-js spent
 * about a third of the request on them). The same resolvers, guards and context run.
 *
 * Only queries, and only results without errors, are answered here: a query whose execution
 * reported an error (or that could not be compiled) is executed again by graphql-js, so every
 * error still takes Apollo's path (formatError, error codes, HTTP status, logging) exactly as
 * before. Queries read; running one twice after an error is only wasted work. Mutations and
 * subscriptions are never executed here.
 */
export type JitOutcome = 'jit' | 'fallback' | 'uncompiled';

export function jitExecutionPlugin({ onOutcome }: { onOutcome?: (outcome: JitOutcome) => void } = {}): ApolloServerPlugin {
  const cache = new WeakMap<GraphQLSchema, Map<string, CompiledQuery | null>>();
  const compiledFor = (schema: GraphQLSchema, document: DocumentNode, source: string, operationName: string | undefined): CompiledQuery | null => {
    let bySchema = cache.get(schema);
    if (!bySchema) cache.set(schema, (bySchema = new Map()));
    const key = `${operationName ?? ''}\u0000${source}`;
    const hit = bySchema.get(key);
    if (hit !== undefined) {
      // least recently used first: a hit moves to the end
      bySchema.delete(key);
      bySchema.set(key, hit);
      return hit;
    }
    let compiled: CompiledQuery | null = null;
    try {
      const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      compiled = isCompiledQuery(result) ? result : null;
    } catch {
      compiled = null; // graphql-js runs it
    }
    bySchema.set(key, compiled);
    if (bySchema.size > MAX_COMPILED) bySchema.delete(bySchema.keys().next().value as string);
    return compiled;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(ctx): Promise<GraphQLResponse | null> {
          if (ctx.operation?.operation !== 'query' || typeof ctx.source !== 'string') return null;
          const compiled = compiledFor(ctx.schema, ctx.document, ctx.source, ctx.request.operationName ?? undefined);
          if (!compiled) {
            onOutcome?.('uncompiled');
            return null;
          }
          const result = await Promise.resolve()
            .then(() => compiled.query(undefined, ctx.contextValue, ctx.request.variables ?? {}))
            .catch(() => null);
          if (!result || result.errors?.length || result.data == null) {
            onOutcome?.('fallback');
            return null;
          }
          onOutcome?.('jit');
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result.data } } };
        },
      };
    },
  };
}
