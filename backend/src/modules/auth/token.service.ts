import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

export interface TokenClaims {
  /** User id. */
  sub: string;
  /** Organization id. */
  org: string;
  /** The user's token version when the token was issued; bumping it ends every older token. */
  ver: number;
  iat: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Signed access tokens (JWT, HS256) with an expiry; the secret comes from the config. */
@Injectable()
export class TokenService {
  constructor(private readonly config: AppConfig) {}

  sign(claims: Pick<TokenClaims, 'sub' | 'org' | 'ver'>, now = Date.now()): { token: string; expiresAt: Date } {
    const iat = Math.floor(now / 1000);
    const exp = iat + this.config.authTokenTtlSeconds;
    const payload = Buffer.from(JSON.stringify({ ...claims, iat, exp })).toString('base64url');
    const body = `${HEADER}.${payload}`;
    return { token: `${body}.${this.signature(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a well-signed, unexpired token; null for anything else. */
  verify(token: string, now = Date.now()): TokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const expected = Buffer.from(this.signature(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || typeof claims.ver !== 'number') return null;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return null;
      return claims;
    } catch {
      return null;
    }
  }

  private signature(body: string): string {
    return createHmac('sha256', this.config.authTokenSecret).update(body).digest('base64url');
  }
}
