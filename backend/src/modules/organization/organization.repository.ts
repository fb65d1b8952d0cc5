import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

@Injectable()
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
  }

  async isEmpty(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM organization LIMIT 1');
    return rows.length === 0;
  }
}
