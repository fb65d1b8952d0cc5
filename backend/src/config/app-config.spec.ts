import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError } from './app-config';

describe('AppConfig.fromEnv', () => {
  // each case's data directory, removed after the file (a run used to leave one per case in the temp directory)
  const made: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-config-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('uses the documented defaults and the embedded database when DATABASE_URL is unset', () => {
    const dir = dataDir();
    const config = AppConfig.fromEnv({ DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.nodeEnv).toBe('development');
    expect(config.usesEmbeddedDatabase).toBe(true);
    expect(config.seedDemo).toBe(true);
    expect(config.dataDir).toBe(dir);
  });

  it('generates secrets once, keeps them private in DATA_DIR and reuses them', () => {
    const dir = dataDir();
    const first = AppConfig.fromEnv({ DATA_DIR: dir });
    const second = AppConfig.fromEnv({ DATA_DIR: dir });
    expect(first.authTokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.authTokenSecret).toBe(first.authTokenSecret);
    expect(second.embeddedDbPassword).toBe(first.embeddedDbPassword);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).authTokenSecret).toBe(first.authTokenSecret);
  });

  it('takes a given secret and an external database without demo data', () => {
    const config = AppConfig.fromEnv({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://u:p@db:5432/sc',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      NODE_ENV: 'production',
    });
    expect(config.authTokenSecret).toBe('x'.repeat(40));
    expect(config.usesEmbeddedDatabase).toBe(false);
    expect(config.seedDemo).toBe(false);
    expect(config.isProduction).toBe(true);
    expect(config.exposesSqlCount).toBe(false);
  });

  it('names every bad variable at once', () => {
    try {
      AppConfig.fromEnv({ DATA_DIR: dataDir(), PORT: 'abc', NODE_ENV: 'prod', DATABASE_URL: 'mysql://x', AUTH_TOKEN_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/NODE_ENV/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/AUTH_TOKEN_SECRET/);
    }
  });
  it('takes METRICS_TOKEN (at least 16 printable characters) and defaults to loopback-only metrics', () => {
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir() }).metricsToken).toBeNull();
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir(), METRICS_TOKEN: 'm'.repeat(24) }).metricsToken).toBe('m'.repeat(24));
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), METRICS_TOKEN: 'has a space in it, long enough' })).toThrow(/METRICS_TOKEN/);
  });

  it('validates DATABASE_READ_URL like DATABASE_URL', () => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:p@db/sc', DATABASE_READ_URL: 'postgres://u:p@replica/sc', AUTH_TOKEN_SECRET: 'x'.repeat(40) });
    expect(config.databaseReadUrl).toBe('postgres://u:p@replica/sc');
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), DATABASE_READ_URL: 'http://replica' })).toThrow(/DATABASE_READ_URL/);
  });
});
