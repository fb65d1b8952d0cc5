import { Injectable } from '@nestjs/common';
import type { OrganizationSettings } from '@salescircle/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/** The time zone of an organization that has none on record (the first market's). */
export const DEFAULT_TIMEZONE = 'Europe/Moscow';

@Injectable()
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, tx?: EntityManager): Promise<OrganizationEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(OrganizationEntity).findOneBy({ id });
  }

  /** The organization's IANA time zone (Europe/Moscow for an unknown id). Read through OrganizationTimezone. */
  async timezoneOf(id: string): Promise<string> {
    const [row]: { timezone: string }[] = await this.dataSource.query('SELECT timezone FROM organization WHERE id = $1', [id]);
    return row?.timezone ?? DEFAULT_TIMEZONE;
  }

  /** The time zones of several organizations (unknown ids are left out). Read through OrganizationTimezone. */
  async timezonesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; timezone: string }[] = await this.dataSource.query('SELECT id, timezone FROM organization WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }

  async allIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM organization ORDER BY created_at');
    return rows.map((r) => r.id);
  }

  async isEmpty(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM organization LIMIT 1');
    return rows.length === 0;
  }

  async saveSettings(tx: EntityManager, id: string, settings: OrganizationSettings): Promise<void> {
    await tx.query('UPDATE organization SET settings = settings || $2::jsonb WHERE id = $1', [id, JSON.stringify(settings)]);
  }
}
