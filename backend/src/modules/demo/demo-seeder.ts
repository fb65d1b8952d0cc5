import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { PasswordHasher } from '../auth/password-hasher';
import { DemoClientSeeder } from './demo-client-seeder';
import { DemoSprintSeeder } from './demo-sprint-seeder';
import { OrganizationEntity } from '../organization/organization.entity';
import { MemberEntity } from '../team/member.entity';
import { TeamEntity, TeamMemberEntity } from '../team/team.entity';
import { UserEntity } from '../users/user.entity';
import { DEMO_ABSENCES, DEMO_CROSS_ROLES, DEMO_LINES, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SHIFTS, DEMO_TEAMS } from './demo-data';

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const SEED_LOCK_KEY = 7_302_611_005;

/** Seeds the demo company into an empty database (on start with the embedded default, or `npm run seed:demo`). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly clientSeeder: DemoClientSeeder,
    private readonly sprintSeeder: DemoSprintSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seedDemo) await this.seedIfEmpty();
  }

  /** Seeds when no organization exists yet; true when it seeded. Safe with several servers starting at once. */
  async seedIfEmpty(): Promise<boolean> {
    const started = Date.now();
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const seeded = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const existing: unknown[] = await manager.query('SELECT 1 FROM organization LIMIT 1');
      if (existing.length > 0) return false;
      await this.seed(manager, passwordHash);
      return true;
    });
    if (seeded) this.logger.log(`Seeded the demo company in ${Date.now() - started} ms`);
    return seeded;
  }

  async hasDemoUsers(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query("SELECT 1 FROM app_user WHERE email LIKE '%@demo.local' LIMIT 1");
    return rows.length > 0;
  }

  private async seed(manager: EntityManager, passwordHash: string): Promise<void> {
    const org = await manager.save(OrganizationEntity, { name: DEMO_ORGANIZATION, timezone: 'Europe/Moscow', settings: {} });
    const memberIds = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      let userId: string | null = null;
      if (person.email) {
        const user = await manager.save(UserEntity, {
          organizationId: org.id,
          email: person.email,
          name: person.name,
          role: person.role,
          locale: person.locale ?? 'ru',
          passwordHash,
          tokenVersion: 1,
          active: true,
        });
        userId = user.id;
      }
      const member = await manager.save(MemberEntity, {
        organizationId: org.id,
        userId,
        externalId: `demo:${person.key}`,
        name: person.name,
        email: person.email ?? null,
        role: person.role,
        stageRole: person.stageRole ?? null,
        category: person.category ?? null,
        active: true,
        capacityClients: person.stageRole === 'KEY_ACCOUNT' ? 15 : person.stageRole === 'PROSPECTOR' ? 300 : 40,
        capacityProcesses: 5,
      });
      memberIds.set(person.key, member.id);
    }
    const id = (key: string) => {
      const value = memberIds.get(key);
      if (!value) throw new Error(`demo data: unknown person ${key}`);
      return value;
    };
    for (const team of DEMO_TEAMS) {
      const saved = await manager.save(TeamEntity, {
        organizationId: org.id,
        name: team.name,
        directorId: id(team.director),
        leadId: id(team.lead),
        coachId: id(team.coach),
        paused: false,
      });
      await manager.insert(
        TeamMemberEntity,
        team.members.map((key) => ({ teamId: saved.id, memberId: id(key) })),
      );
    }
    for (const line of DEMO_LINES) {
      await manager.query(
        'INSERT INTO reporting_line (organization_id, from_member_id, to_member_id, kind, scope) VALUES ($1, $2, $3, $4, $5)',
        [org.id, id(line.from), id(line.to), line.kind, line.scope ?? null],
      );
    }
    for (const role of DEMO_CROSS_ROLES) {
      await manager.query('INSERT INTO cross_role (organization_id, member_id, kind, products, regions) VALUES ($1, $2, $3, $4, $5)', [
        org.id,
        id(role.member),
        role.kind,
        role.products,
        role.regions,
      ]);
    }
    for (const [key, shift] of Object.entries(DEMO_SHIFTS)) {
      for (let weekday = 1; weekday <= 5; weekday += 1) {
        await manager.query('INSERT INTO work_schedule (member_id, weekday, starts_at, ends_at) VALUES ($1, $2, $3, $4)', [
          id(key),
          weekday,
          shift.startsAt,
          shift.endsAt,
        ]);
      }
    }
    for (const absence of DEMO_ABSENCES) {
      await manager.query('INSERT INTO absence (organization_id, member_id, kind, starts_on, ends_on, note) VALUES ($1, $2, $3, $4, $5, $6)', [
        org.id,
        id(absence.member),
        absence.kind,
        isoDay(absence.fromDay),
        isoDay(absence.toDay),
        absence.note,
      ]);
    }
    await this.clientSeeder.seed(manager, org.id, id);
    await this.sprintSeeder.seed(manager, org.id, id);
  }
}
