import { KeyedBatches, Outcome, settle } from './keyed-batches';

/** A runner that records its batches and answers each item when told to. */
function recorder() {
  const batches: { key: string; items: number[]; finish: () => void }[] = [];
  const run = (key: string, items: number[]) => new Promise<Outcome<string>[]>((resolve) => {
    batches.push({ key, items, finish: () => resolve(items.map((n) => (n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: `${key}:${n}` }))) });
  });
  return { batches, run };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedBatches', () => {
  it('sends the items that arrive together as one batch, and those arriving while it runs as the next', async () => {
    const { batches, run } = recorder();
    const lines = new KeyedBatches(run, 100);
    const first = [1, 2, 3].map((n) => lines.add('task', n));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]]);
    const later = [4, 5].map((n) => lines.add('task', n));
    await turn();
    expect(batches).toHaveLength(1); // one batch of a key at a time
    batches[0].finish();
    expect(await Promise.all(first)).toEqual(['task:1', 'task:2', 'task:3']);
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3], [4, 5]]);
    batches[1].finish();
    expect(await Promise.all(later)).toEqual(['task:4', 'task:5']);
  });

  it('never lets one key wait for another', async () => {
    const { batches, run } = recorder();
    const lines = new KeyedBatches(run, 100);
    const a = lines.add('a', 1);
    await turn();
    const b = lines.add('b', 2);
    await turn();
    expect(batches.map((x) => x.key)).toEqual(['a', 'b']);
    batches[1].finish();
    expect(await b).toBe('b:2');
    batches[0].finish();
    expect(await a).toBe('a:1');
  });

  it('takes at most `most` items in one batch, in the order they came', async () => {
    const { batches, run } = recorder();
    const lines = new KeyedBatches(run, 2);
    const all = [1, 2, 3, 4, 5].map((n) => lines.add('task', n));
    for (let i = 0; i < 3; i += 1) {
      await turn();
      batches[i].finish();
      await Promise.resolve();
    }
    expect(await Promise.all(all)).toEqual(['task:1', 'task:2', 'task:3', 'task:4', 'task:5']);
    expect(batches.map((b) => b.items)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives each item its own outcome, and every item the error of a batch that failed', async () => {
    let fail = false;
    const lines = new KeyedBatches<string, number, number>(async (_key, items) => {
      if (fail) throw new Error('statement failed');
      return items.map((n) => (n < 0 ? { ok: false as const, error: new Error(`bad ${n}`) } : { ok: true as const, value: n * 10 }));
    }, 10);
    const outcomes = await Promise.all([1, -2, 3].map((n) => settle(lines.add('task', n))));
    expect(outcomes.map((o) => (o.ok ? o.value : (o.error as Error).message))).toEqual([10, 'bad -2', 30]);
    fail = true;
    const failed = await Promise.all([1, 2].map((n) => settle(lines.add('task', n))));
    expect(failed.map((o) => (o.ok ? o.value : (o.error as Error).message))).toEqual(['statement failed', 'statement failed']);
    fail = false;
    expect(await lines.add('task', 4)).toBe(40); // the line goes on
  });
});
