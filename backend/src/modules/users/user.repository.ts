import { Injectable } from '@nestjs/common';
import type { Locale } from '@salescircle/shared';
import { DataSource, In } from 'typeorm';
import { UserEntity } from './user.entity';

export interface AuthRecord {
  user: UserEntity;
  memberId: string | null;
}

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

  /** The user with their member id, in one statement (runs on every authenticated request). */
  async findForAuth(id: string): Promise<AuthRecord | null> {
    const rows: (Record<string, unknown> & { member_id: string | null })[] = await this.dataSource.query(
      `SELECT u.id, u.organization_id, u.role, u.locale, u.token_version, u.active, m.id AS member_id
         FROM app_user u LEFT JOIN member m ON m.user_id = u.id
        WHERE u.id = $1`,
      [id],
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
    return { user, memberId: row.member_id };
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
