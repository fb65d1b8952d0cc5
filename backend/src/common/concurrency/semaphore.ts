/**
 * At most `limit` tasks at once in this process; the others wait their turn in arrival order.
 * A bulkhead for work that is heavy in memory (a thousand KPI cards hold their rows, plans and
 * lines until the response is built): under many concurrent requests the peak memory stays
 * that of `limit` of them, and the CPU they need is the same either way.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('A semaphore lets at least one task through.');
  }

  /** How many tasks wait for a turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // the turn passes to the next waiting task, else the slot frees
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
