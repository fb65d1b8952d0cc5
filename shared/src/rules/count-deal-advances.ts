/**
 * DEALS_ADVANCED (issue 6, "deals advanced"): how many times a deal moved forward in its
 * pipeline. Each visit of the deal's stage history after its first one is a move from the stage
 * of the visit before (by the time entered, then the order recorded); the move is an advance
 * when it enters a stage of the same pipeline at a higher position, or a won stage from a stage
 * that is not won. Entering a lost stage is never an advance, and the first stage of a deal
 * (where it was created) is not a move. The deal's current owner is credited on the day the
 * stage was entered (the organization's time zone), as deals won are credited to the owner.
 * The day rows of member_kpi_day (migration 1763900000011) keep the same count.
 */
export interface AdvanceStage {
  pipelineId: string;
  position: number;
  kind: 'OPEN' | 'WON' | 'LOST';
}

/** Whether entering `entered` from `left` moves the deal forward. */
export function isDealAdvance(left: AdvanceStage, entered: AdvanceStage): boolean {
  if (entered.kind === 'LOST' || entered.pipelineId !== left.pipelineId) return false;
  return entered.position > left.position || (entered.kind === 'WON' && left.kind !== 'WON');
}

/** The advances of one deal's stage visits, given in order: the indexes of the visits that were advances. */
export function dealAdvances(visits: readonly AdvanceStage[]): number[] {
  const found: number[] = [];
  for (let i = 1; i < visits.length; i += 1) if (isDealAdvance(visits[i - 1], visits[i])) found.push(i);
  return found;
}
