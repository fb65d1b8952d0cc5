import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportFileError, parseAmount, parseDay, planMavenImport, stageHistory, type MavenCrmTexts } from './maven-crm.mapping';

// A copy of ../shared/datasets/maven-crm kept in the repo, so the tests run wherever the checkout is.
const SAMPLE = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'maven-crm');

const small: MavenCrmTexts = {
  salesTeams: 'sales_agent,manager,regional_office\nAnna Snelling,Dustin Brinkmann,Central\nMoses Frase,Melvin Marxen,Central\nCarl Lin,Summer Sewald,West\n',
  accounts:
    'account,sector,year_established,revenue,employees,office_location,subsidiary_of\n' +
    'Acme Corporation,technolgy,1996,1100.04,2822,United States,\nBluth Company,retail,1993,0.5,30,Philipines,Acme Corporation\n',
  products: 'product,series,sales_price\nGTX Pro,GTX,4821\nMG Special,MG,55\n',
  salesPipeline:
    'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n' +
    'A1,Anna Snelling,GTXPro,Acme Corporation,Won,2016-10-20,2017-03-01,1054\n' +
    'A2,Moses Frase,MG Special,,Engaging,2016-11-02,,\n' +
    'A3,Moses Frase,MG Special,,Prospecting,,,\n' +
    'A4,Anna Snelling,MG Special,Bluth Company,Lost,2016-11-01,2017-01-05,0\n',
};

describe('planMavenImport', () => {
  it('maps every row and reconciles the warts', () => {
    const plan = planMavenImport(small, '2026-01-01');
    expect(plan.rows.SALES_TEAMS).toHaveLength(3);
    expect(plan.rows.SALES_PIPELINE.every((r) => r.rejected === null)).toBe(true);
    expect(plan.members.map((m) => [m.name, m.role, m.team])).toEqual([
      ['Anna Snelling', 'SALES', 'Central'],
      ['Moses Frase', 'SALES', 'Central'],
      ['Carl Lin', 'SALES', 'West'],
      ['Dustin Brinkmann', 'LEAD', 'Central'],
      ['Melvin Marxen', 'LEAD', 'Central'],
      ['Summer Sewald', 'LEAD', 'West'],
    ]);
    expect(plan.teams).toEqual([
      { name: 'Central', leadExternalId: 'maven:manager:Dustin Brinkmann' },
      { name: 'West', leadExternalId: 'maven:manager:Summer Sewald' },
    ]);
    const [acme, bluth] = plan.clients;
    expect(acme).toMatchObject({ industry: 'technology', region: 'United States', annualPotential: '1100040000.00', initialStage: 'ACTIVE' });
    expect(acme.row.reconciled).toEqual(['sector technolgy → technology']);
    expect(bluth).toMatchObject({ region: 'Philippines', parentExternalId: 'maven:account:Acme Corporation', annualPotential: '500000.00', initialStage: 'PROSPECT' });
    const [won, engaging, prospecting, lost] = plan.deals;
    expect(won.row.reconciled).toEqual(['product GTXPro → GTX Pro']);
    expect(won).toMatchObject({ externalId: 'maven:deal:A1', productExternalId: 'maven:product:GTX Pro', amount: '1054.00', startedOn: '2016-10-20', closedOn: '2017-03-01' });
    expect(engaging).toMatchObject({ clientExternalId: null, amount: '55.00', closedOn: null });
    expect(engaging.row.notes).toEqual(['open deal without an account: kept without a client']);
    expect(prospecting.startedOn).toBe('2017-03-01');
    expect(lost.history.map((h) => h.stage)).toEqual(['Prospecting', 'Engaging', 'Lost']);
    expect(plan.rows.SALES_TEAMS[2].notes).toEqual(['no deals in sales_pipeline.csv: imported as a member']);
    expect(plan.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining(['reconciled GTXPro → GTX Pro', 'reconciled sector technolgy → technology', 'agents without deals: imported as members']),
    );
  });

  it('gives every reason of a row and note of a run a stable code and the values it names, beside the English sentence', () => {
    const plan = planMavenImport(small, '2026-01-01');
    const [acme, bluth] = plan.clients;
    expect(acme.row.reasons).toEqual([
      { kind: 'RECONCILED', code: 'COLUMN_VALUE_MATCHED', params: [{ name: 'column', value: 'sector' }, { name: 'value', value: 'technolgy' }, { name: 'match', value: 'technology' }], message: 'sector technolgy → technology' },
    ]);
    expect(bluth.row.reasons.map((r) => [r.kind, r.code, r.message])).toEqual([['RECONCILED', 'COLUMN_VALUE_MATCHED', 'office_location Philipines → Philippines']]);
    const odd = planMavenImport({ ...small, accounts: small.accounts.replace('retail', 'alchemy') }, '2026-01-01');
    expect(odd.clients[1]!.row.reasons.map((r) => [r.kind, r.code, r.params])).toEqual([
      ['NOTE', 'UNKNOWN_SECTOR', [{ name: 'value', value: 'alchemy' }]],
      ['RECONCILED', 'COLUMN_VALUE_MATCHED', [{ name: 'column', value: 'office_location' }, { name: 'value', value: 'Philipines' }, { name: 'match', value: 'Philippines' }]],
    ]);
    const [won, engaging, prospecting] = plan.deals;
    expect(won.row.reasons.map((r) => [r.code, r.message])).toEqual([['COLUMN_VALUE_MATCHED', 'product GTXPro → GTX Pro']]);
    expect(engaging.row.reasons).toEqual([{ kind: 'NOTE', code: 'DEAL_WITHOUT_ACCOUNT', params: [{ name: 'stageKind', value: 'OPEN' }], message: 'open deal without an account: kept without a client' }]);
    expect(prospecting.row.reasons.map((r) => [r.code, r.params])).toEqual([
      ['DEAL_WITHOUT_ACCOUNT', [{ name: 'stageKind', value: 'OPEN' }]],
      ['STARTED_ON_LAST_DATE', [{ name: 'day', value: '2017-03-01' }]],
    ]);
    expect(plan.rows.SALES_TEAMS[2].reasons.map((r) => r.code)).toEqual(['NO_DEALS_MEMBER']);
    const notes = new Map(plan.notes.map((n) => [n.code, n]));
    expect(notes.get('RECONCILED_SECTOR_technolgy')).toEqual({
      code: 'RECONCILED_SECTOR_technolgy',
      message: 'reconciled sector technolgy → technology',
      count: 1,
      params: [{ name: 'from', value: 'technolgy' }, { name: 'to', value: 'technology' }],
    });
    expect(notes.get('RECONCILED_PRODUCT_GTXPro')?.params).toEqual([{ name: 'from', value: 'GTXPro' }, { name: 'to', value: 'GTX Pro' }]);
    expect(notes.get('NO_ENGAGE_DATE')).toMatchObject({ count: 1, params: [{ name: 'day', value: '2017-03-01' }] });
    expect(notes.get('TEAM_MANAGERS_Central')).toMatchObject({
      count: 0,
      params: [
        { name: 'team', value: 'Central' },
        { name: 'count', value: '2' },
        { name: 'managers', value: 'Dustin Brinkmann, Melvin Marxen' },
        { name: 'lead', value: 'Dustin Brinkmann' },
      ],
    });
    expect(notes.get('OPEN_DEAL_WITHOUT_ACCOUNT')).toMatchObject({ count: 2, params: [], message: 'open deals without an account: kept, without a client' });
    const extra = planMavenImport({ ...small, accounts: small.accounts.replace('subsidiary_of\n', 'subsidiary_of,phone\n') }, '2026-01-01');
    expect(extra.notes.find((n) => n.code === 'IGNORED_COLUMNS_ACCOUNTS')).toEqual({
      code: 'IGNORED_COLUMNS_ACCOUNTS',
      message: 'accounts.csv: columns not mapped, ignored: phone',
      count: 0,
      params: [{ name: 'file', value: 'accounts.csv' }, { name: 'columns', value: 'phone' }],
    });
  });

  it('rejects a bad date and an unknown stage, naming the row and the reason', () => {
    const broken = {
      ...small,
      salesPipeline: `${small.salesPipeline}B1,Anna Snelling,GTX Pro,Acme Corporation,Won,2017-02-30,2017-03-01,10\nB2,Anna Snelling,GTX Pro,,Negotiating,2017-01-01,,\n`,
    };
    const plan = planMavenImport(broken, '2026-01-01');
    const rejected = plan.rows.SALES_PIPELINE.filter((r) => r.rejected);
    expect(rejected.map((r) => [r.line, r.rejected])).toEqual([
      [6, 'engage_date "2017-02-30" is not a date (YYYY-MM-DD)'],
      [7, 'deal_stage "Negotiating" is not one of Prospecting, Engaging, Won, Lost'],
    ]);
    expect(rejected.map((r) => r.reasons)).toEqual([
      [{ kind: 'REJECTED', code: 'NOT_A_DAY', params: [{ name: 'column', value: 'engage_date' }, { name: 'value', value: '2017-02-30' }], message: 'engage_date "2017-02-30" is not a date (YYYY-MM-DD)' }],
      [
        {
          kind: 'REJECTED',
          code: 'UNKNOWN_DEAL_STAGE',
          params: [{ name: 'column', value: 'deal_stage' }, { name: 'value', value: 'Negotiating' }, { name: 'stages', value: 'Prospecting, Engaging, Won, Lost' }],
          message: 'deal_stage "Negotiating" is not one of Prospecting, Engaging, Won, Lost',
        },
      ],
    ]);
  });

  it('refuses a file whose header lacks a column, naming the expected ones', () => {
    expect(() => planMavenImport({ ...small, products: 'product;price\nX;1\n' }, '2026-01-01')).toThrow(
      new ImportFileError('PRODUCTS', 'the header lacks series, sales_price; expected the columns product, series, sales_price (found product, price)'),
    );
  });

  it('maps the real sample without losing a row', () => {
    const read = (f: string) => readFileSync(join(SAMPLE, f), 'utf8');
    const plan = planMavenImport(
      { salesTeams: read('sales_teams.csv'), accounts: read('accounts.csv'), products: read('products.csv'), salesPipeline: read('sales_pipeline.csv') },
      '2026-01-01',
    );
    expect(plan.rows.SALES_PIPELINE).toHaveLength(8800);
    expect(plan.deals).toHaveLength(8800);
    expect(plan.clients).toHaveLength(85);
    expect(plan.members.filter((m) => m.role === 'SALES')).toHaveLength(35);
    expect(plan.members.filter((m) => m.role === 'LEAD')).toHaveLength(6);
    expect(plan.asOf).toBe('2017-12-31');
    expect(plan.deals.filter((d) => d.row.reconciled.includes('product GTXPro → GTX Pro'))).toHaveLength(1480);
  });
});

describe('parsing values', () => {
  it('reads amounts exactly and days strictly', () => {
    expect(parseAmount('1100.04', 1_000_000)).toBe('1100040000.00');
    expect(parseAmount('4.54', 1_000_000)).toBe('4540000.00');
    expect(parseAmount('0.1')).toBe('0.10');
    expect(parseAmount('-1')).toBeNull();
    expect(parseAmount('1,5')).toBeNull();
    expect(parseDay('2017-02-28')).toBe('2017-02-28');
    expect(parseDay('2017-02-29')).toBeNull();
    expect(parseDay('03/01/2017')).toBeNull();
  });

  it('derives the stage history a deal went through', () => {
    expect(stageHistory('Won', '2016-10-20', '2017-03-01')).toEqual([
      { stage: 'Prospecting', enteredOn: '2016-10-20', leftOn: '2016-10-20' },
      { stage: 'Engaging', enteredOn: '2016-10-20', leftOn: '2017-03-01' },
      { stage: 'Won', enteredOn: '2017-03-01', leftOn: null },
    ]);
    expect(stageHistory('Prospecting', '2017-12-31', null)).toEqual([{ stage: 'Prospecting', enteredOn: '2017-12-31', leftOn: null }]);
  });
});
