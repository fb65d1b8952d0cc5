import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { REPO_ROOT } from '../config/app-config';
import { printSchemaFile, SCHEMA_RESOLVERS } from '../common/graphql/schema-file';

/** `npm run schema`: writes backend/schema.gql from the code-first resolvers, without a database. */
async function main(): Promise<void> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create([...SCHEMA_RESOLVERS]);
  const file = join(REPO_ROOT, 'backend', 'schema.gql');
  writeFileSync(file, printSchemaFile(schema));
  process.stdout.write(`Wrote ${file}\n`);
  await app.close();
}

void main();
