import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's notes become dated, signed entries instead of one text overwritten by each save: who wrote
 * it, for which organisation, when, and who may read it (the holding organisation only, or everyone
 * working the case under the person's consent). Entries are never changed or removed — the database
 * refuses it — and a correction is a new entry that points to the one it corrects, so nothing anyone
 * wrote is lost. The old text becomes each case's first entry, signed by whoever last saved it (the
 * timeline knows) or else by whoever opened the case, readable as before by all who work the case.
 *
 * A case also holds attachments (a signed consent form, a photo of an ID card): their facts in one
 * table, their bytes in another (so that listing never reads a file), both append-only too.
 */
export class CaseNoteEntriesAndAttachments1765701100000 implements MigrationInterface {
  name = 'CaseNoteEntriesAndAttachments1765701100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_notes (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        author_user_id uuid NOT NULL REFERENCES users (id),
        author_organisation_id uuid NOT NULL REFERENCES organisations (id),
        visibility text NOT NULL CHECK (visibility IN ('HOLDER', 'CASE_TEAM')),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
        written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        corrects_id uuid REFERENCES case_notes (id),
        migrated boolean NOT NULL DEFAULT false,
        idempotency_key text
      )`);
    await q.query(`CREATE INDEX case_notes_case_idx ON case_notes (case_id, written_at, id)`);
    // One correction per entry: a second one corrects the correction, so the chain reads in order.
    await q.query(`CREATE UNIQUE INDEX case_notes_corrects_key ON case_notes (corrects_id) WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX case_notes_idempotency_key ON case_notes (author_user_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`
      CREATE TABLE case_attachments (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        category text NOT NULL CHECK (category IN ('SIGNED_CONSENT', 'ID_DOCUMENT', 'CERTIFICATE', 'PHOTO', 'OTHER')),
        sensitivity text NOT NULL CHECK (sensitivity IN ('identity', 'case_notes')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 bytea NOT NULL CHECK (length(sha256) = 32),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_by_organisation_id uuid NOT NULL REFERENCES organisations (id),
        uploaded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX case_attachments_case_idx ON case_attachments (case_id, uploaded_at, id)`);
    await q.query(`
      CREATE TABLE case_attachment_contents (
        attachment_id uuid PRIMARY KEY REFERENCES case_attachments (id),
        content bytea NOT NULL
      )`);
    await q.query(`ALTER TABLE case_attachment_contents ALTER COLUMN content SET STORAGE EXTERNAL`);
    await q.query(`
      CREATE FUNCTION case_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused (write a correction instead)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['case_notes', 'case_attachments', 'case_attachment_contents']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION case_records_refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION case_records_refuse_change()`);
    }
    await q.query(`
      INSERT INTO case_notes (id, case_id, author_user_id, author_organisation_id, visibility, body, written_at, migrated)
      SELECT gen_random_uuid(), k.id, COALESCE(last.actor_user_id, k.opened_by), COALESCE(last.actor_organisation_id, k.holding_organisation_id), 'CASE_TEAM',
             k.notes, COALESCE(last.occurred_at, k.created_at), true
        FROM cases k
        LEFT JOIN LATERAL (SELECT e.actor_user_id, e.actor_organisation_id, e.occurred_at FROM case_events e
                            WHERE e.case_id = k.id AND e.kind = 'UPDATED' AND e.details->'changed' ? 'notes' AND e.actor_user_id IS NOT NULL
                            ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) last ON true
       WHERE length(btrim(COALESCE(k.notes, ''))) > 0`);
    await q.query(`ALTER TABLE cases DROP COLUMN notes`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN notes text`);
    // Every entry goes back into the one text, oldest first, so that going back loses nothing either.
    await q.query(`UPDATE cases k SET notes = n.body FROM (
        SELECT case_id, string_agg(body, E'\\n\\n' ORDER BY written_at, id) AS body FROM case_notes GROUP BY case_id) n WHERE n.case_id = k.id`);
    await q.query(`DROP TABLE case_attachment_contents`);
    await q.query(`DROP TABLE case_attachments`);
    await q.query(`DROP TABLE case_notes`);
    await q.query(`DROP FUNCTION case_records_refuse_change()`);
  }
}
