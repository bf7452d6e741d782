import { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GENESIS, linkHash } from './audit-chain';
import { chainedRowOf, STORED_EVENT_COLUMNS, StoredEvent } from './stored-event';

export type ChainReport =
  | { intact: true; events: number; head: string }
  | { intact: false; events: number; position: number; problem: 'EDITED' | 'LINK_BROKEN' };

interface StoredRow extends StoredEvent {
  position: string;
  prev_hash: Buffer;
  hash: Buffer;
}

const BATCH = 2000;

/**
 * Walks the whole trail in order and recomputes every link. Names the first event that was edited
 * (its content no longer matches its hash) or whose link to the one before is broken (an event was
 * removed or inserted before it).
 */
export async function verifyAuditChain(db: DataSource, key: KeyObject): Promise<ChainReport> {
  let previous: Buffer = GENESIS;
  let after = 0;
  let events = 0;
  for (;;) {
    const rows: StoredRow[] = await db.query(
      `SELECT position, prev_hash, hash, ${STORED_EVENT_COLUMNS} FROM audit_events WHERE position > $1 ORDER BY position LIMIT ${BATCH}`,
      [after],
    );
    for (const stored of rows) {
      events += 1;
      const position = Number(stored.position);
      if (!stored.prev_hash.equals(previous) || position !== after + 1) return { intact: false, events, position, problem: 'LINK_BROKEN' };
      const row = chainedRowOf(position, stored);
      if (!linkHash(key, previous, row).equals(stored.hash)) return { intact: false, events, position, problem: 'EDITED' };
      previous = stored.hash;
      after = position;
    }
    if (rows.length < BATCH) return { intact: true, events, head: previous.toString('hex') };
  }
}
