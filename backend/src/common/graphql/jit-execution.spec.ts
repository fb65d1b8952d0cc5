import { ApolloServer } from '@apollo/server';
import { GraphQLEnumType, GraphQLError, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { jitExecutionPlugin, type JitOutcome } from './jit-execution';

/** A small schema with the shapes the API uses: lists of objects, enums, floats, arguments, a mutation. */
function schemaCountingCalls() {
  const calls = { items: 0, failing: 0, add: 0 };
  const Status = new GraphQLEnumType({ name: 'Status', values: { AHEAD: {}, BEHIND: {} } });
  const Line = new GraphQLObjectType({
    name: 'Line',
    fields: { metric: { type: new GraphQLNonNull(GraphQLString) }, actual: { type: new GraphQLNonNull(GraphQLFloat) }, status: { type: new GraphQLNonNull(Status) } },
  });
  const Item = new GraphQLObjectType({
    name: 'Item',
    fields: { id: { type: new GraphQLNonNull(GraphQLID) }, lines: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Line))) } },
  });
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))),
        args: { first: { type: GraphQLInt } },
        resolve: async (_root, { first }: { first?: number }, context: { viewer: string }) => {
          calls.items += 1;
          return Array.from({ length: first ?? 3 }, (_, i) => ({ id: `${context.viewer}-${i}`, lines: [{ metric: 'CALLS', actual: i / 2, status: i % 2 ? 'AHEAD' : 'BEHIND' }] }));
        },
      },
      failing: {
        type: GraphQLString,
        resolve: () => {
          calls.failing += 1;
          throw new GraphQLError('Not found', { extensions: { code: 'NOT_FOUND' } });
        },
      },
    },
  });
  const mutation = new GraphQLObjectType({
    name: 'Mutation',
    fields: { add: { type: GraphQLInt, resolve: () => (calls.add += 1) } },
  });
  return { schema: new GraphQLSchema({ query, mutation }), calls };
}

async function serverWith(jit: boolean) {
  const { schema, calls } = schemaCountingCalls();
  const outcomes: JitOutcome[] = [];
  const server = new ApolloServer<{ viewer: string }>({
    schema,
    plugins: jit ? [jitExecutionPlugin({ onOutcome: (o) => outcomes.push(o) })] : [],
    formatError: (formatted) => ({ ...formatted, extensions: { ...formatted.extensions, formatted: true } }),
  });
  await server.start();
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: { viewer: 'v' } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  return { server, calls, outcomes, run };
}

describe('jitExecutionPlugin', () => {
  it('answers queries from the compiled operation with the same result graphql-js gives', async () => {
    const jit = await serverWith(true);
    const plain = await serverWith(false);
    const query = 'query Items($first: Int) { items(first: $first) { id lines { metric actual status } } }';
    try {
      for (const first of [2, 5]) expect(await jit.run(query, { first })).toEqual(await plain.run(query, { first }));
      expect(jit.outcomes).toEqual(['jit', 'jit']);
      expect(jit.calls.items).toBe(2);
      expect((await jit.run(query, { first: 1 })).data).toEqual({ items: [{ id: 'v-0', lines: [{ metric: 'CALLS', actual: 0, status: 'BEHIND' }] }] });
    } finally {
      await jit.server.stop();
      await plain.server.stop();
    }
  });

  it('leaves a query that reports an error to graphql-js, so the error is formatted as always', async () => {
    const jit = await serverWith(true);
    try {
      const result = await jit.run('{ failing items { id } }');
      expect(jit.outcomes).toEqual(['fallback']);
      expect(jit.calls.failing).toBe(2); // once compiled, once by graphql-js
      expect(result.errors).toEqual([expect.objectContaining({ message: 'Not found', extensions: expect.objectContaining({ code: 'NOT_FOUND', formatted: true }) })]);
      expect(result.data).toEqual({ failing: null, items: [{ id: 'v-0' }, { id: 'v-1' }, { id: 'v-2' }] });
      // invalid variables: graphql-js answers with its own message
      const invalid = await jit.run('query ($first: Int) { items(first: $first) { id } }', { first: 'many' });
      expect(invalid.errors?.[0].message).toMatch(/Variable "\$first" got invalid value "many"/);
    } finally {
      await jit.server.stop();
    }
  });

  it('never executes a mutation (a mutation runs exactly once, by graphql-js)', async () => {
    const jit = await serverWith(true);
    try {
      expect((await jit.run('mutation { add }')).data).toEqual({ add: 1 });
      expect(jit.calls.add).toBe(1);
      expect(jit.outcomes).toEqual([]);
    } finally {
      await jit.server.stop();
    }
  });
});
