import { AppConfig } from '../../config/app-config';
import { TokenService } from './token.service';

function service(secret = 's'.repeat(40), ttl = 3600): TokenService {
  return new TokenService({ authTokenSecret: secret, authTokenTtlSeconds: ttl } as AppConfig);
}

describe('TokenService', () => {
  const claims = { sub: 'user-1', org: 'org-1', ver: 3 };

  it('round-trips claims until expiry', () => {
    const tokens = service();
    const now = Date.UTC(2026, 10, 23, 10);
    const { token, expiresAt } = tokens.sign(claims, now);
    expect(expiresAt.getTime()).toBe(now + 3600_000);
    expect(tokens.verify(token, now + 1000)).toMatchObject(claims);
    expect(tokens.verify(token, now + 3600_000)).toBeNull();
  });

  it('rejects a token signed with another secret or altered', () => {
    const { token } = service().sign(claims);
    expect(service('t'.repeat(40)).verify(token)).toBeNull();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    expect(service().verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(service().verify('not-a-token')).toBeNull();
  });
});
