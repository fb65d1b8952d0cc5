import { Semaphore } from './semaphore';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, the rest in arrival order, and passes on results and errors', async () => {
    const gate = new Semaphore(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const task = (i: number) =>
      gate.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        if (i === 3) throw new Error('task 3 failed');
        return i * 10;
      });
    const results = [0, 1, 2, 3, 4].map((i) => task(i).catch((e: Error) => e.message));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.queued).toBe(3);
    while (releases.length) {
      releases.shift()!();
      await tick();
    }
    while (releases.length || started.length < 5) {
      releases.shift()?.();
      await tick();
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 'task 3 failed', 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(gate.queued).toBe(0);
    // the slots are free again: two start at once
    const again = [gate.run(async () => 'a'), gate.run(async () => 'b')];
    expect(await Promise.all(again)).toEqual(['a', 'b']);
  });

  it('refuses a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
