import { SerialRunner } from './serial-runner';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialRunner', () => {
  it('runs once more after a run, however often it was asked meanwhile', async () => {
    let runs = 0;
    const runner = new SerialRunner(async () => {
      runs += 1;
      await sleep(5);
    }, () => true);
    for (let i = 0; i < 10; i += 1) runner.request();
    await runner.idle();
    expect(runs).toBe(2);
  });

  it('starts a run asked for in a burst no sooner than the spacing after the last one started, and the first at once', async () => {
    const starts: number[] = [];
    const runner = new SerialRunner(async () => {
      starts.push(Date.now());
      await sleep(1);
    }, () => true, 40);
    const asked = Date.now();
    runner.request();
    expect(starts).toHaveLength(1);
    expect(starts[0] - asked).toBeLessThan(5);
    await sleep(5);
    runner.request();
    runner.request();
    await runner.idle();
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(39);
    // Asked while waiting: that run takes it, no third run.
    await sleep(60);
    expect(starts).toHaveLength(2);
  });

  it('does nothing when not allowed, and a wait ends without a run once it is no longer allowed', async () => {
    let allowed = true;
    let runs = 0;
    const runner = new SerialRunner(async () => {
      runs += 1;
      await sleep(1);
    }, () => allowed, 30);
    runner.request();
    runner.request();
    await sleep(5);
    allowed = false;
    await runner.idle();
    runner.request();
    expect(runs).toBe(1);
  });
});
