/** What a batch answers for one of its items. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise's outcome, never rejected. */
export const settle = <T>(work: Promise<T>): Promise<Outcome<T>> =>
  work.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Items of one key go to `run` in batches, one batch of a key in flight at a time: the items that arrive
 * while a key's batch runs wait and go together in its next (at most `most` in one), so N writers contending
 * for one row make a few statements instead of N. Each key starts on the next turn of the event loop, so the
 * items that arrive together go together; a key never waits for another. `run` answers one outcome per item,
 * in the items' order; if it throws, every item of its batch gets that error.
 */
export class KeyedBatches<K, I, O> {
  private readonly lines = new Map<K, Waiting<I, O>[]>();
  private readonly running = new Set<K>();

  constructor(
    private readonly run: (key: K, items: I[]) => Promise<Outcome<O>[]>,
    private readonly most: number,
  ) {}

  add(key: K, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const line = this.lines.get(key);
      if (line) line.push({ item, resolve, reject });
      else this.lines.set(key, [{ item, resolve, reject }]);
      if (!this.running.has(key)) {
        this.running.add(key);
        setImmediate(() => void this.drain(key));
      }
    });
  }

  /** Runs the key's batches until its line is empty. */
  private async drain(key: K): Promise<void> {
    for (;;) {
      const line = this.lines.get(key) ?? [];
      const batch = line.splice(0, this.most);
      if (line.length === 0) this.lines.delete(key);
      if (batch.length === 0) {
        this.running.delete(key);
        return;
      }
      await this.runOne(key, batch);
    }
  }

  private async runOne(key: K, batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outcomes = await this.run(key, batch.map((w) => w.item));
      batch.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (!outcome) waiting.reject(new Error(`a batch answered ${outcomes.length} of its ${batch.length} items`));
        else if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
