import { inject, type InjectionKey } from 'vue';
import { createGraphQLClient, type GraphQLClient } from './client';

export const GRAPHQL_CLIENT_KEY: InjectionKey<GraphQLClient> = Symbol('graphql-client');

let fallback: GraphQLClient | undefined;

/** The app's GraphQL client (provided in main.ts; a token-less one outside an app). */
export function useGraphQLClient(): GraphQLClient {
  const provided = inject(GRAPHQL_CLIENT_KEY, undefined);
  if (provided) return provided;
  fallback ??= createGraphQLClient();
  return fallback;
}
