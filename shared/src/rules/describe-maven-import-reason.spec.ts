import { CSV_IMPORT_REASONS, isCsvImportReasonCode } from './describe-csv-import-reason';
import { MAVEN_IMPORT_REASONS, mavenImportNote, mavenImportReason, mavenImportReasonCode } from './describe-maven-import-reason';

describe('mavenImportReason', () => {
  it('keeps the code and the values, and says the English sentence the report has always had', () => {
    expect(mavenImportReason('NOT_A_DAY', { column: 'engage_date', value: '2017-02-30' })).toEqual({
      code: 'NOT_A_DAY',
      params: { column: 'engage_date', value: '2017-02-30' },
      message: 'engage_date "2017-02-30" is not a date (YYYY-MM-DD)',
    });
    expect(mavenImportReason('UNKNOWN_DEAL_STAGE', { column: 'deal_stage', value: 'Negotiating', stages: 'Prospecting, Engaging, Won, Lost' }).message).toBe(
      'deal_stage "Negotiating" is not one of Prospecting, Engaging, Won, Lost',
    );
    expect(mavenImportReason('REPEATED_KEY', { column: 'opportunity_id', value: 'A1', line: 2 }).message).toBe('opportunity_id "A1" is already on line 2');
    expect(mavenImportReason('NOT_IN_FILE', { column: 'sales_agent', value: 'Nobody', file: 'sales_teams.csv' }).message).toBe('sales_agent "Nobody" is not in sales_teams.csv');
    expect(mavenImportReason('REVENUE_NOT_A_NUMBER', { column: 'revenue', value: 'lots' }).message).toBe('revenue "lots" is not a non-negative number (millions of USD)');
    expect(mavenImportReason('NAME_TOO_LONG', { column: 'account', max: 300 }).message).toBe('account is longer than 300 characters');
    expect(mavenImportReason('CLOSED_BEFORE_ENGAGED', { closedOn: '2017-01-01', engagedOn: '2017-02-01' }).message).toBe('close_date 2017-01-01 is before engage_date 2017-02-01');
    expect(mavenImportReason('CLOSED_DEAL_NEEDS', { stage: 'Won', column: 'close_value' }).message).toBe('a Won deal needs close_value');
    expect(mavenImportReason('COLUMN_EMPTY', { column: 'sales_agent' }).message).toBe('sales_agent is empty');
  });

  it('says the notes and matches of a row', () => {
    expect(mavenImportReason('COLUMN_VALUE_MATCHED', { column: 'product', value: 'GTXPro', match: 'GTX Pro' }).message).toBe('product GTXPro → GTX Pro');
    expect(mavenImportReason('DEAL_WITHOUT_ACCOUNT', { stageKind: 'OPEN' }).message).toBe('open deal without an account: kept without a client');
    expect(mavenImportReason('DEAL_WITHOUT_ACCOUNT', { stageKind: 'LOST' }).message).toBe('lost deal without an account: kept without a client');
    expect(mavenImportReason('OPEN_DEAL_CLOSE_DATE_IGNORED', { closedOn: '2017-05-01' }).message).toBe('close_date 2017-05-01 of an open deal ignored');
    expect(mavenImportReason('STARTED_ON_LAST_DATE', { day: '2017-12-31' }).message).toBe("no engage_date: started_on = 2017-12-31, the export's last date");
    expect(mavenImportReason('UNKNOWN_SECTOR', { value: 'alchemy' }).message).toBe('sector "alchemy" is not a known industry: kept as spelled');
    expect(mavenImportReason('PARENT_NOT_AN_ACCOUNT', { value: 'Nowhere Inc' }).message).toBe('subsidiary_of "Nowhere Inc" is not an account of accounts.csv: no parent link');
    expect(mavenImportReason('NO_MANAGER', {}).message).toBe('no manager: imported without a reporting line');
    expect(mavenImportReason('NO_DEALS_MEMBER', {}).message).toBe('no deals in sales_pipeline.csv: imported as a member');
  });

  it('gives a note counted once per value the code it always had, with the values for the sentence', () => {
    expect(mavenImportNote('RECONCILED_SECTOR', { from: 'technolgy', to: 'technology' })).toEqual({
      code: 'RECONCILED_SECTOR_technolgy',
      params: { from: 'technolgy', to: 'technology' },
      message: 'reconciled sector technolgy → technology',
    });
    expect(mavenImportNote('RECONCILED_PRODUCT', { from: 'GTXPro', to: 'GTX Pro' })).toMatchObject({ code: 'RECONCILED_PRODUCT_GTXPro', message: 'reconciled GTXPro → GTX Pro' });
    expect(mavenImportNote('RECONCILED_COUNTRY', { from: 'Philipines', to: 'Philippines' })).toMatchObject({
      code: 'RECONCILED_COUNTRY_Philipines',
      message: 'reconciled office_location Philipines → Philippines',
    });
    expect(mavenImportNote('IGNORED_FILE_COLUMNS', { file: 'accounts.csv', columns: 'phone' })).toEqual({
      code: 'IGNORED_COLUMNS_ACCOUNTS',
      params: { file: 'accounts.csv', columns: 'phone' },
      message: 'accounts.csv: columns not mapped, ignored: phone',
    });
    expect(mavenImportNote('TEAM_MANAGERS', { team: 'Central', count: 2, managers: 'Dustin Brinkmann, Melvin Marxen', lead: 'Dustin Brinkmann' })).toEqual({
      code: 'TEAM_MANAGERS_Central',
      params: { team: 'Central', count: 2, managers: 'Dustin Brinkmann, Melvin Marxen', lead: 'Dustin Brinkmann' },
      message: 'office Central has 2 managers (Dustin Brinkmann, Melvin Marxen): team Central is led by Dustin Brinkmann; every agent reports to their own manager',
    });
    expect(mavenImportNote('AGENT_WITHOUT_MANAGER', {})).toEqual({ code: 'AGENT_WITHOUT_MANAGER', params: {}, message: 'agents without a manager: imported without a reporting line' });
    expect(mavenImportNote('NO_ENGAGE_DATE', { day: '2017-12-31' }).message).toBe('open deals without engage_date: started_on = 2017-12-31, the latest date in sales_pipeline.csv');
  });

  it('reads back the reason of every code it sends, and of no other', () => {
    expect(mavenImportReasonCode('RECONCILED_SECTOR_technolgy')).toBe('RECONCILED_SECTOR');
    expect(mavenImportReasonCode('IGNORED_COLUMNS_SALES_PIPELINE')).toBe('IGNORED_FILE_COLUMNS');
    expect(mavenImportReasonCode('TEAM_MANAGERS_Central')).toBe('TEAM_MANAGERS');
    expect(mavenImportReasonCode('AGENT_WITHOUT_MANAGER')).toBe('AGENT_WITHOUT_MANAGER');
    expect(mavenImportReasonCode('NO_DEALS')).toBe('NO_DEALS');
    expect(mavenImportReasonCode('IGNORED_COLUMNS')).toBeNull();
    expect(mavenImportReasonCode('RECONCILED_SECTOR_')).toBeNull();
    expect(mavenImportReasonCode('toString')).toBeNull();
    expect(mavenImportReasonCode(undefined)).toBeNull();
    expect(new Set(MAVEN_IMPORT_REASONS).size).toBe(MAVEN_IMPORT_REASONS.length);
  });

  it('shares no code with the CSV import, so a client tells the two apart by the code alone', () => {
    expect(MAVEN_IMPORT_REASONS.filter((code) => isCsvImportReasonCode(code))).toEqual([]);
    expect(CSV_IMPORT_REASONS.filter((code) => mavenImportReasonCode(code) !== null)).toEqual([]);
  });
});
