import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** Characters per file: the sample's pipeline is 0.6 M; 6 M is about 85,000 deals. */
export const IMPORT_FILE_LIMITS = {
  salesTeams: 1_000_000,
  accounts: 2_000_000,
  products: 1_000_000,
  salesPipeline: 6_000_000,
} as const;

const tooLarge = (file: string, limit: number) => `${file} is over ${limit.toLocaleString('en-US')} characters; split it into several imports`;

@InputType({ description: "The four files of a maven-crm export, as text (the page reads the files' text)" })
export class MavenCrmFilesInput {
  @Field({ description: 'sales_teams.csv: sales_agent, manager, regional_office' })
  @IsString()
  @MaxLength(IMPORT_FILE_LIMITS.salesTeams, { message: tooLarge('sales_teams.csv', IMPORT_FILE_LIMITS.salesTeams) })
  salesTeams: string;

  @Field({ description: 'accounts.csv: account, sector, year_established, revenue, employees, office_location, subsidiary_of' })
  @IsString()
  @MaxLength(IMPORT_FILE_LIMITS.accounts, { message: tooLarge('accounts.csv', IMPORT_FILE_LIMITS.accounts) })
  accounts: string;

  @Field({ description: 'products.csv: product, series, sales_price' })
  @IsString()
  @MaxLength(IMPORT_FILE_LIMITS.products, { message: tooLarge('products.csv', IMPORT_FILE_LIMITS.products) })
  products: string;

  @Field({ description: 'sales_pipeline.csv: opportunity_id, sales_agent, product, account, deal_stage, engage_date, close_date, close_value' })
  @IsString()
  @MaxLength(IMPORT_FILE_LIMITS.salesPipeline, { message: tooLarge('sales_pipeline.csv', IMPORT_FILE_LIMITS.salesPipeline) })
  salesPipeline: string;
}
