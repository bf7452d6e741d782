import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditor's record filter names a record by its id alone (not its kind): an index on the id and the
 * position serves it newest first, where `(subject_type, subject_id, position)` could not.
 */
export class AuditSubjectIndex1765400500000 implements MigrationInterface {
  name = 'AuditSubjectIndex1765400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_events_subject_id_idx ON audit_events (subject_id, position) WHERE subject_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_subject_id_idx`);
  }
}
