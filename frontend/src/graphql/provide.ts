import { inject, type InjectionKey } from 'vue';
import type { GraphQLClient } from './client';

export const GRAPHQL_CLIENT_KEY: InjectionKey<GraphQLClient> = Symbol('graphql-client');

/** The app's GraphQL client, provided in main.ts (tests provide one with a fake fetch). */
export function useGraphQLClient(): GraphQLClient {
  const client = inject(GRAPHQL_CLIENT_KEY, null);
  if (!client) throw new Error('No GraphQL client: app.provide(GRAPHQL_CLIENT_KEY, client) first');
  return client;
}
