/** One reminder of a sprint process as the lead's home lists it. */
export interface UpcomingReminder {
  id: string;
  at: string;
  kind: string;
  note: string;
  recipientName: string | null;
  processId: string;
  processTitle: string;
  ownerName: string | null;
  overdue: boolean;
}

interface ProcessLike {
  id: string;
  title: string;
  status: string;
  overdue: boolean;
  owner: { name: string } | null;
  reminders: readonly { id: string; kind: string; note: string; nextAt: string | null; recipientName: string | null }[];
}

/**
 * The reminders that fire next within `days` days of `now` (and any still due from before),
 * soonest first, of the processes still open: what a lead sees coming for the team today and
 * this week. Finished reminders (no next time) and those of done processes are left out.
 */
export function upcomingReminders(processes: readonly ProcessLike[], now: Date, days = 7, limit = 8): { items: UpcomingReminder[]; more: number } {
  const until = now.getTime() + days * 86_400_000;
  const all: UpcomingReminder[] = [];
  for (const p of processes) {
    if (p.status === 'DONE') continue;
    for (const r of p.reminders) {
      if (!r.nextAt || Date.parse(r.nextAt) > until) continue;
      all.push({ id: r.id, at: r.nextAt, kind: r.kind, note: r.note, recipientName: r.recipientName, processId: p.id, processTitle: p.title, ownerName: p.owner?.name ?? null, overdue: p.overdue });
    }
  }
  all.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
  return { items: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
