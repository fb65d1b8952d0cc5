import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../../database/transaction-runner';
import { RemindersRepository } from './reminders.repository';

/** Escalate an open process as soon as it is overdue, and a blocked one after two days, unless the organization says otherwise. */
export const ESCALATION_DEFAULTS = { overdueGraceHours: 0, blockedHours: 48 } as const;

/**
 * The reminder and escalation sweeps, run every minute by the job scheduler (one server at a
 * time) and safe to run on several at once: batches take due reminders with SKIP LOCKED and
 * each firing has a unique key. Batches commit one by one, so a sweep cut short resumes
 * where it stopped.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async sweep(now = new Date(), batch = 5_000): Promise<{ taken: number; sent: number; escalated: number }> {
    let taken = 0;
    let sent = 0;
    for (;;) {
      const result = await this.transactions.run((tx) => this.reminders.sweepBatch(tx, now, batch));
      taken += result.taken;
      sent += result.sent;
      if (result.taken < batch) break;
    }
    const escalated = await this.transactions.run((tx) => this.reminders.escalate(tx, now, ESCALATION_DEFAULTS.overdueGraceHours, ESCALATION_DEFAULTS.blockedHours));
    if (taken > 0 || escalated > 0) this.logger.log({ taken, sent, escalated }, `Reminders sent: ${sent}, escalations: ${escalated}`);
    return { taken, sent, escalated };
  }
}
