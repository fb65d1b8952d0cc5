import type { Category, Role, StageRole } from '@salescircle/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'member' })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('text', { name: 'external_id', nullable: true })
  externalId: string | null;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text')
  role: Role;

  @Column('text', { name: 'stage_role', nullable: true })
  stageRole: StageRole | null;

  @Column('smallint', { nullable: true })
  category: Category | null;

  @Column('boolean')
  active: boolean;

  @Column('integer', { name: 'capacity_clients' })
  capacityClients: number;

  @Column('integer', { name: 'capacity_processes' })
  capacityProcesses: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
