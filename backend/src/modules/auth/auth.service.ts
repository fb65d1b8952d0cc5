import { Injectable, Logger } from '@nestjs/common';
import {
  IP_THROTTLE,
  PAIR_THROTTLE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  evaluateLoginThrottle,
  strictestThrottle,
} from '@salescircle/shared';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import type { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { LoginAttemptRepository } from './login-attempt.repository';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
  userId: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly users: UserRepository,
    private readonly attempts: LoginAttemptRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async login(rawEmail: string, password: string, ip: string): Promise<IssuedToken> {
    const email = rawEmail.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(email) || email.length > 320) throw DomainError.badInput('email', 'Enter a valid email address.', 'VALUE_NOT_EMAIL');
    if (password.length === 0) throw DomainError.badInput('password', 'Enter your password.', 'PASSWORD_REQUIRED');
    if (password.length > PASSWORD_MAX_LENGTH) throw tooLong('password');

    const pairKey = `pair:${email}|${ip}`;
    const ipKey = `ip:${ip}`;
    const states = await this.attempts.findStates([pairKey, ipKey]);
    const now = new Date();
    const decision = strictestThrottle([
      evaluateLoginThrottle(states.get(pairKey)!, now, PAIR_THROTTLE),
      evaluateLoginThrottle(states.get(ipKey)!, now, IP_THROTTLE),
    ]);
    if (!decision.allowed) {
      throw new DomainError(
        'TOO_MANY_ATTEMPTS',
        `Too many failed sign-ins. Try again in ${Math.ceil(decision.retryAfterSeconds / 60)} min.`,
        { retryAfterSeconds: decision.retryAfterSeconds },
      );
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);

    const user = await this.users.findByEmail(email);
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyAgainstNothing(password);
    if (!user || !ok) {
      await this.attempts.recordFailure([pairKey, ipKey], PAIR_THROTTLE.windowMs);
      this.logger.warn({ email, ip }, 'Failed sign-in');
      throw DomainError.unauthenticated('Wrong email or password.', 'WRONG_CREDENTIALS');
    }
    if (!user.active) throw DomainError.unauthenticated('This account is deactivated. Ask your sales director to restore it.', 'ACCOUNT_DEACTIVATED');
    await this.attempts.clear([pairKey]);
    return this.issue(user);
  }

  /** The viewer behind a bearer token, or null when the token is missing, bad, expired or revoked. */
  async authenticate(authorization: string | undefined, { withScope = false }: { withScope?: boolean } = {}): Promise<Viewer | null> {
    const match = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match) return null;
    const claims = this.tokens.verify(match[1]);
    if (!claims) return null;
    const record = await this.users.findForAuth(claims.sub, withScope);
    if (!record || !record.user.active || record.user.tokenVersion !== claims.ver || record.user.organizationId !== claims.org) {
      return null;
    }
    const { user, memberId, teams, timezone } = record;
    const viewer: Viewer = { userId: user.id, organizationId: user.organizationId, role: user.role, memberId, locale: user.locale };
    if (withScope) {
      viewer.timezone = timezone;
      viewer.scope = {
        role: user.role,
        memberId,
        directedTeamIds: teams?.directed ?? [],
        ledTeamIds: teams?.led ?? [],
        coachedTeamIds: teams?.coached ?? [],
        memberOfTeamIds: teams?.memberOf ?? [],
      };
    }
    return viewer;
  }

  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string): Promise<IssuedToken> {
    validateNewPassword(newPassword);
    const [user] = await this.users.findByIds([viewer.userId]);
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw DomainError.badInput('currentPassword', 'The current password is wrong.', 'WRONG_CURRENT_PASSWORD');
    }
    if (currentPassword === newPassword) throw DomainError.badInput('newPassword', 'The new password must differ from the current one.', 'PASSWORD_UNCHANGED');
    const tokenVersion = await this.users.setPassword(user.id, await this.hasher.hash(newPassword));
    return this.issue({ ...user, tokenVersion });
  }

  private issue(user: Pick<UserEntity, 'id' | 'organizationId' | 'tokenVersion'>): IssuedToken {
    const { token, expiresAt } = this.tokens.sign({ sub: user.id, org: user.organizationId, ver: user.tokenVersion });
    return { accessToken: token, expiresAt, userId: user.id };
  }
}

export function validateNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new DomainError('BAD_USER_INPUT', `The new password needs at least ${PASSWORD_MIN_LENGTH} characters.`, { field: 'newPassword', reason: 'VALUE_TOO_SHORT', limit: PASSWORD_MIN_LENGTH });
  }
  if (password.length > PASSWORD_MAX_LENGTH) throw tooLong('newPassword');
}

/** A password over the length argon2 is given (said as the validation pipe says a long text, with the bound). */
function tooLong(field: 'password' | 'newPassword'): DomainError {
  return new DomainError('BAD_USER_INPUT', field === 'password' ? 'The password is too long.' : 'The new password is too long.', { field, reason: 'VALUE_TOO_LONG', limit: PASSWORD_MAX_LENGTH });
}
