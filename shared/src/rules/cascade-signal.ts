/**
 * The cascade load signal (seed 003): telemarketers (prospectors) feed warm leads to hunters.
 * When the leads waiting for hunters outgrow the hunters' free capacity, the lead is told to
 * pause the telemarketing group; when the hunters run dry, to resume it.
 */
export type CascadeAdvice = 'PAUSE_TELEMARKETING' | 'RESUME_TELEMARKETING' | 'STEADY';

export function cascadeSignal(waiting: number, hunterFreeCapacity: number, telemarketingPaused: boolean): { advice: CascadeAdvice; load: number | null } {
  const load = hunterFreeCapacity > 0 ? Math.round((waiting / hunterFreeCapacity) * 100) / 100 : null;
  // Swamped: more leads waiting than the hunters can take on.
  if ((load === null && waiting > 0) || (load !== null && load > 1)) return { advice: telemarketingPaused ? 'STEADY' : 'PAUSE_TELEMARKETING', load };
  // Dry: fewer than a fifth of the free places have a lead waiting.
  if (load !== null && load < 0.2) return { advice: telemarketingPaused ? 'RESUME_TELEMARKETING' : 'STEADY', load };
  return { advice: 'STEADY', load };
}
