import { registerEnumType } from '@nestjs/graphql';
import { enumObject } from './enums';
import { CHANNELS, CLIENT_STAGES, OWNERSHIP_FORMS, ROUTING_STRATEGIES, type Channel, type ClientStage, type OwnershipForm, type RoutingStrategy } from '@salescircle/shared';


export const ClientStageEnum: Record<ClientStage, ClientStage> = enumObject(CLIENT_STAGES);
export const ChannelEnum: Record<Channel, Channel> = enumObject(CHANNELS);
export const OwnershipFormEnum: Record<OwnershipForm, OwnershipForm> = enumObject(OWNERSHIP_FORMS);
export const RoutingStrategyEnum: Record<RoutingStrategy, RoutingStrategy> = enumObject(ROUTING_STRATEGIES);
export const AssignmentKindEnum = enumObject(['ROUTING', 'HANDOFF', 'REASSIGN', 'COVER', 'COVER_END', 'OFFBOARDING', 'REBALANCE', 'IMPORT'] as const);

registerEnumType(ClientStageEnum, { name: 'ClientStage', description: 'LEAD → PROSPECT → ACTIVE → REGULAR → STRATEGIC, plus DORMANT and LOST' });
registerEnumType(ChannelEnum, { name: 'Channel' });
registerEnumType(OwnershipFormEnum, { name: 'OwnershipForm' });
registerEnumType(RoutingStrategyEnum, { name: 'RoutingStrategy' });
registerEnumType(AssignmentKindEnum, { name: 'AssignmentKind' });
