import { GraphQLSchemaHost } from '@nestjs/graphql';
import { mayCallOperation, OPERATION_ACCESS, type Role } from '@salescircle/shared';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** A syntactically valid literal for any input type (required fields only). */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return `"${SAMPLE_ID}"`;
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'false';
      case 'DateTime':
        return '"2026-11-23T10:00:00Z"';
      default:
        return '"sample@demo.local"';
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

function operations(schema: GraphQLSchema): { kind: 'query' | 'mutation'; name: string; document: string }[] {
  const list: { kind: 'query' | 'mutation'; name: string; document: string }[] = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) list.push({ kind, name: field.name, document: documentFor(kind, field) });
  }
  return list;
}

describe('the permission matrix: every operation against every role', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp('permissions');
    schema = t.app.get(GraphQLSchemaHost).schema;
    for (const [role, email] of [
      ['DIRECTOR', 'director@demo.local'],
      ['LEAD', 'lead@demo.local'],
      ['COACH', 'coach@demo.local'],
      ['SALES', 'rep@demo.local'],
    ] as const) {
      tokens.set(role, await t.login(email));
    }
  });
  afterAll(() => t.close());

  it('has an entry for every operation of the schema, and none for operations that do not exist', () => {
    // Subscriptions pass the same guard when they start (over WebSocket; see sprints.spec.ts).
    const subscriptions = Object.keys(schema.getSubscriptionType()?.getFields() ?? {});
    const names = [...operations(schema).map((o) => o.name), ...subscriptions].sort();
    expect(names.filter((n) => !(n in OPERATION_ACCESS))).toEqual([]);
    expect(Object.keys(OPERATION_ACCESS).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('refuses with FORBIDDEN exactly where the table says so, before touching anything', async () => {
    const mismatches: string[] = [];
    for (const op of operations(schema)) {
      if (op.name === 'changePassword' || op.name === 'login') continue; // covered in auth.spec (throttle, token rotation)
      for (const role of ['DIRECTOR', 'LEAD', 'COACH', 'SALES'] as const) {
        const result = await t.gql(op.document, {}, { token: tokens.get(role) });
        if (result.status !== 200) {
          mismatches.push(`${op.name} as ${role}: HTTP ${result.status} ${JSON.stringify(result.errors)}`);
          continue;
        }
        const codes = (result.errors ?? []).map((e) => e.extensions?.code);
        const forbidden = codes.includes('FORBIDDEN');
        const allowed = mayCallOperation(role, op.name);
        if (allowed && forbidden) mismatches.push(`${op.name} as ${role}: expected allowed, got FORBIDDEN`);
        if (!allowed && !forbidden) mismatches.push(`${op.name} as ${role}: expected FORBIDDEN, got ${JSON.stringify(codes)}`);
        if (codes.includes('INTERNAL_SERVER_ERROR')) mismatches.push(`${op.name} as ${role}: internal error ${JSON.stringify(result.errors)}`);
      }
      const anonymous = await t.gql(op.document);
      const code = anonymous.errors?.[0]?.extensions?.code;
      if (OPERATION_ACCESS[op.name] !== 'PUBLIC' && code !== 'UNAUTHENTICATED') mismatches.push(`${op.name} anonymous: expected UNAUTHENTICATED, got ${code}`);
    }
    expect(mismatches).toEqual([]);
  });
});
