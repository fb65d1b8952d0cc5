import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../common/auth/viewer';
import { DomainError } from '../../common/errors/domain-error';
import type { UpdatePreferencesInput } from './dto/update-preferences.input';
import type { UserEntity } from './user.entity';
import type { UserModel } from './user.model';
import { UserRepository } from './user.repository';

export function toUserModel(user: UserEntity): UserModel {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, active: user.active };
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UserRepository) {}

  async getById(id: string): Promise<UserModel> {
    const [user] = await this.users.findByIds([id]);
    if (!user) throw DomainError.notFound('USER');
    return toUserModel(user);
  }

  async updatePreferences(viewer: Viewer, input: UpdatePreferencesInput): Promise<UserModel> {
    const name = input.name?.trim();
    if (input.name !== undefined && !name) throw DomainError.badInput('name', 'The name cannot be empty.', 'NAME_REQUIRED');
    await this.users.updatePreferences(viewer.userId, { locale: input.locale ?? undefined, name });
    return this.getById(viewer.userId);
  }

  async setActive(viewer: Viewer, userId: string, active: boolean): Promise<UserModel> {
    const [user] = await this.users.findByIds([userId]);
    if (!user || user.organizationId !== viewer.organizationId) throw DomainError.notFound('USER');
    if (user.id === viewer.userId && !active) throw DomainError.badInput('userId', 'You cannot deactivate yourself.', 'SELF_DEACTIVATION');
    await this.users.setActive(userId, active);
    return this.getById(userId);
  }
}
