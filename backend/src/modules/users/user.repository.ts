import { Injectable } from '@nestjs/common';
import type { Locale } from '@salescircle/shared';
import { DataSource, In } from 'typeorm';
import { queryPrepared } from '../../database/prepared-statements';
import { UserEntity } from './user.entity';

export interface AuthRecord {
  user: UserEntity;
  memberId: string | null;
  /** The organization's time zone (its calendar days). */
  timezone: string;
  /** The member's teams by relation, when asked for (null without a member). */
  teams: { directed: string[]; led: string[]; coached: string[]; memberOf: string[] } | null;
}

/**
 * Runs on every authenticated request: the user, their member id, the organization's time zone
 * and, when $2, the teams the member directs, leads, coaches or belongs to (the same arrays
 * CircleRepository.scopeOf reads).
 */
const AUTH_SQL = `
SELECT u.id, u.organization_id, u.role, u.locale, u.token_version, u.active, m.id AS member_id,
       s.directed, s.led, s.coached, s.member_of, o.timezone
  FROM app_user u JOIN organization o ON o.id = u.organization_id LEFT JOIN member m ON m.user_id = u.id
  LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(t.id) FILTER (WHERE t.director_id = m.id), '{}') AS directed,
           coalesce(array_agg(t.id) FILTER (WHERE t.lead_id = m.id), '{}') AS led,
           coalesce(array_agg(t.id) FILTER (WHERE t.coach_id = m.id), '{}') AS coached,
           coalesce((SELECT array_agg(tm.team_id) FROM team_member tm WHERE tm.member_id = m.id), '{}') AS member_of
      FROM team t WHERE t.organization_id = u.organization_id) s ON $2::boolean AND m.id IS NOT NULL
 WHERE u.id = $1`;

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ email });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ id: In([...ids]) });
  }

  /** The user with their member id (and with `withTeams` the member's teams), in one prepared statement. */
  async findForAuth(id: string, withTeams = false): Promise<AuthRecord | null> {
    const rows = await queryPrepared<Record<string, unknown> & { member_id: string | null; directed: string[] | null; led: string[] | null; coached: string[] | null; member_of: string[] | null; timezone: string }>(
      this.dataSource,
      AUTH_SQL,
      [id, withTeams],
    );
    const row = rows[0];
    if (!row) return null;
    const user = Object.assign(new UserEntity(), {
      id: row.id,
      organizationId: row.organization_id,
      role: row.role,
      locale: row.locale,
      tokenVersion: row.token_version,
      active: row.active,
    });
    const teams = row.directed && row.led && row.coached && row.member_of ? { directed: row.directed, led: row.led, coached: row.coached, memberOf: row.member_of } : null;
    return { user, memberId: row.member_id, timezone: row.timezone, teams };
  }

  async updatePreferences(id: string, changes: { locale?: Locale; name?: string }): Promise<void> {
    if (Object.keys(changes).length > 0) await this.repo.update({ id }, changes);
  }

  /** Sets a new password hash and ends every token issued before; returns the new token version. */
  async setPassword(id: string, passwordHash: string): Promise<number> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
    const [rows]: [{ token_version: number }[], number] = await this.dataSource.query(
      `UPDATE app_user SET password_hash = $2, token_version = token_version + 1, updated_at = now()
        WHERE id = $1 RETURNING token_version`,
      [id, passwordHash],
    );
    return rows[0].token_version;
  }

  /** Activates or deactivates; a deactivation also ends every token of the user. */
  async setActive(id: string, active: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE app_user SET active = $2,
              token_version = CASE WHEN $2 THEN token_version ELSE token_version + 1 END,
              updated_at = now()
        WHERE id = $1`,
      [id, active],
    );
  }
}
