import { DataSource } from 'typeorm';

/** The insights lib's advisory lock: whoever holds it evaluates rules (the realtime relay's is 7_202_612). */
const EVALUATION_LOCK = 7_202_613;

/**
 * One evaluation at a time across every API node: an advisory lock taken in a transaction of its own, on a
 * connection of its own, held open for as long as the evaluation runs (the evaluation's statements use the
 * pool). Were two to interleave, a run that read its facts before a change could store them after a later run
 * had already judged the change. The lock ends with that transaction — at the end, or when the connection or
 * the node dies — so nothing can leave it held on a pooled connection.
 */
export class EvaluationLock {
  constructor(private readonly db: DataSource) {}

  /** Runs `work` holding the lock, waiting for it (a full evaluation: the nightly job, an operator's run). */
  async waitFor<T>(work: () => Promise<T>): Promise<T> {
    return (await this.holding(true, work))!;
  }

  /** Runs `work` holding the lock if nobody holds it; null if someone does (they will see what this would have). */
  whenFree<T>(work: () => Promise<T>): Promise<T | null> {
    return this.holding(false, work);
  }

  private async holding<T>(wait: boolean, work: () => Promise<T>): Promise<T | null> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // The pool cuts off a transaction left idle for 30 s and a statement waiting 15 s: this one is idle for as long
      // as the evaluation runs, and waits (waitFor) for as long as another does — for this transaction only.
      await runner.query(`SELECT set_config('idle_in_transaction_session_timeout', '0', true), set_config('statement_timeout', '0', true)`);
      if (wait) {
        await runner.query('SELECT pg_advisory_xact_lock($1)', [EVALUATION_LOCK]);
      } else {
        const [row]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [EVALUATION_LOCK]);
        if (!row.locked) return null;
      }
      return await work();
    } finally {
      // The transaction wrote nothing: ending it only lets the lock go.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
