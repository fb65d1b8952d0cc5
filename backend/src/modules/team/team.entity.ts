import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'team' })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'director_id', nullable: true })
  directorId: string | null;

  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId: string | null;

  @Column('uuid', { name: 'coach_id', nullable: true })
  coachId: string | null;

  @Column('boolean')
  paused: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'team_member' })
export class TeamMemberEntity {
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}
