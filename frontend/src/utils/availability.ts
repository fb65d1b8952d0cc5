import type { UnavailableReason } from '@salescircle/shared';

/** What the availability dot shows: on shift, or the first reason the person cannot take work. */
export type AvailabilityStatus = 'AVAILABLE' | UnavailableReason;

export const AVAILABILITY_STATUSES: readonly AvailabilityStatus[] = ['AVAILABLE', 'OFF_SHIFT', 'ABSENT', 'PAUSED', 'INACTIVE'];

export function availabilityStatus(availability: { available: boolean; reason: UnavailableReason | null } | null | undefined): AvailabilityStatus {
  if (!availability) return 'OFF_SHIFT';
  if (availability.available) return 'AVAILABLE';
  return availability.reason ?? 'OFF_SHIFT';
}
