import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in the caller's transaction when it passes one, else in a transaction of its own: a use
 * case that another one composes (a one-stop intake registers a person, records consents, opens a case
 * and sends referrals) then commits or rolls back with everything else the caller does.
 */
export function inTransaction<T>(db: DataSource, tx: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return tx ? work(tx) : db.transaction(work);
}
