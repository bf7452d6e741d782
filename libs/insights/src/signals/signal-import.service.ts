import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, badInput, CLOCK, Clock, conflict, Connection, cursorScope, forbidden, newId, notFound, PageArgs, paginateById, requireRole } from '@zhulian/core';
import { OrganisationKind, OrganisationService } from '@zhulian/identity';
import { IdNumberMatcher, parseResidentId } from '@zhulian/registry';
import { Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { AddSignalRowsInput, StartSignalImportInput } from '../dto/signal.inputs';
import { InsightEvaluation } from '../evaluation/insight-evaluation';
import { SignalBatchResult, SignalImport, SignalImportStart, SignalImportStatus, SignalKind, SignalRowIssue, SignalRowProblem } from './signal-import.type';

/** Below this, a count of matched (or unmatched) rows could single someone out: it is withheld. */
export const MIN_CELL = 5;
/** Problems kept per batch, and shown per import. */
const MAX_ISSUES = 100;
/** Kinds whose rows carry an amount. */
const WITH_AMOUNT = new Set([SignalKind.MEDICAL_BILL, SignalKind.UTILITY_ARREARS]);

interface ImportRow {
  id: string;
  kind: SignalKind;
  file_name: string;
  region_code: string;
  rows_expected: number;
  status: SignalImportStatus;
  started_at: Date;
  finished_at: Date | null;
  rows_done: number;
  matched: number;
  repeated: number;
  unmatched: number;
  invalid: number;
  issues: { line: number; problem: SignalRowProblem }[];
}

const IMPORT_SELECT = `SELECT i.id, i.kind, i.file_name, i.region_code, i.rows_expected, i.status, i.started_at, i.finished_at,
    COALESCE(s.rows_done, 0)::int AS rows_done, COALESCE(s.matched, 0)::int AS matched, COALESCE(s.repeated, 0)::int AS repeated,
    COALESCE(s.unmatched, 0)::int AS unmatched, COALESCE(s.invalid, 0)::int AS invalid,
    COALESCE((SELECT jsonb_agg(p ORDER BY (p->>'line')::int) FROM (
      SELECT p FROM signal_import_batches b, jsonb_array_elements(b.problems) p WHERE b.import_id = i.id ORDER BY (p->>'line')::int LIMIT ${MAX_ISSUES}) x), '[]') AS issues
  FROM signal_imports i
  LEFT JOIN LATERAL (SELECT sum(rows) AS rows_done, sum(matched) AS matched, sum(repeated) AS repeated, sum(unmatched) AS unmatched, sum(invalid) AS invalid
                       FROM signal_import_batches b WHERE b.import_id = i.id) s ON TRUE`;

/** YYYY-MM-DD (or with / or .), a real date from 2000 to today. */
function readDate(text: string, today: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 2000) return null;
  const iso = date.toISOString().slice(0, 10);
  return iso > today ? null : iso;
}

/** Yuan with at most two decimals, as fen. */
function readAmount(text: string | undefined): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec((text ?? '').trim().replace(/,/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/**
 * Imports other departments' signal files for a civil-affairs office (a government office's coordinators).
 * The browser reads the file and sends its rows in batches; each row is checked, its ID number matched
 * through the registry's blind index to a person registered in the office's region, and only matched rows
 * are stored, as signals on the person. Nothing else of the file is kept: not the file, not an unmatched
 * number, not a bad row's content. The same file (by SHA-256) is imported once; a batch sent twice counts once.
 */
@Injectable()
export class SignalImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationService,
    private readonly matcher: IdNumberMatcher,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly evaluation: InsightEvaluation,
  ) {}

  async start(actor: Actor, input: StartSignalImportInput): Promise<SignalImportStart> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'import signal files');
    const office = await this.organisations.get(actor, acting.organisationId);
    if (office.kind !== OrganisationKind.GOVERNMENT_OFFICE) {
      throw forbidden('SIGNAL_IMPORT_NOT_ALLOWED', 'Only a civil-affairs office imports other departments’ files.');
    }
    const sha = Buffer.from(input.sha256, 'hex');
    return this.db.transaction(async (tx) => {
      const [created]: { id: string }[] = await tx.query(
        `INSERT INTO signal_imports (id, organisation_id, imported_by, kind, file_name, file_sha256, region_code, rows_expected)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (organisation_id, kind, file_sha256) DO NOTHING RETURNING id`,
        [newId(), acting.organisationId, actor.userId, input.kind, input.fileName, sha, office.regionCode, input.rows]);
      if (created) {
        await this.audit.record(tx, auditActor(actor), [{
          action: 'CHANGE', subjectType: 'SignalImport', subjectId: created.id, fields: ['kind', 'fileName', 'rows'],
          details: { kind: input.kind, rows: input.rows },
        }]);
        return Object.assign(new SignalImportStart(), { import: await this.one(tx, acting.organisationId, created.id), alreadyImported: false });
      }
      const [earlier]: { id: string; status: SignalImportStatus }[] = await tx.query(
        `SELECT id, status FROM signal_imports WHERE organisation_id = $1 AND kind = $2 AND file_sha256 = $3`, [acting.organisationId, input.kind, sha]);
      // An import left half-way (a closed tab) goes on where it stopped: its batches already received count once.
      return Object.assign(new SignalImportStart(), {
        import: await this.one(tx, acting.organisationId, earlier.id), alreadyImported: earlier.status === SignalImportStatus.DONE,
      });
    });
  }

  async addRows(actor: Actor, input: AddSignalRowsInput): Promise<SignalBatchResult> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'import signal files');
    if (input.rows.length === 0) throw badInput('NO_ROWS', 'A batch carries at least one row.', 'input.rows');
    if (input.rows.some((row, i) => i > 0 && row.line <= input.rows[i - 1].line)) {
      throw badInput('ROWS_OUT_OF_ORDER', 'Send the rows in the order of their lines, each line once.', 'input.rows');
    }
    const firstLine = input.rows[0].line;
    return this.db.transaction(async (tx) => {
      const [found]: { kind: SignalKind; region_code: string; status: SignalImportStatus; rows_expected: number }[] = await tx.query(
        `SELECT kind, region_code, status, rows_expected FROM signal_imports WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, [input.importId, acting.organisationId]);
      if (!found) throw notFound('SIGNAL_IMPORT_NOT_FOUND', 'No such import of your organisation’s.', 'input.importId');
      const [earlier]: { rows: number; problems: SignalRowIssue[] }[] = await tx.query(
        `SELECT rows, problems FROM signal_import_batches WHERE import_id = $1 AND first_line = $2`, [input.importId, firstLine]);
      if (earlier) return this.batchResult(tx, input.importId, earlier.rows, earlier.problems);
      if (found.status === SignalImportStatus.DONE) throw conflict('SIGNAL_IMPORT_FINISHED', 'This import is finished: start another one for another file.');
      const [{ done }]: { done: number }[] = await tx.query(`SELECT COALESCE(sum(rows), 0)::int AS done FROM signal_import_batches WHERE import_id = $1`, [input.importId]);
      if (done + input.rows.length > found.rows_expected) {
        throw badInput('TOO_MANY_ROWS', `This import was started for ${found.rows_expected} rows: a batch would bring it past that.`, 'input.rows');
      }

      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(this.clock.now());
      const issues: SignalRowIssue[] = [];
      const valid: { number: string; date: string; amount: number | null }[] = [];
      for (const row of input.rows) {
        const id = parseResidentId(row.idNumber, this.clock.now());
        const date = readDate(row.date, today);
        const amount = WITH_AMOUNT.has(found.kind) ? readAmount(row.amountYuan) : null;
        const problem = !id.ok ? (id.problem === 'CHECK_DIGIT' ? SignalRowProblem.ID_NUMBER_CHECK : SignalRowProblem.ID_NUMBER_FORMAT)
          : date === null ? SignalRowProblem.DATE
            : WITH_AMOUNT.has(found.kind) && amount === null ? SignalRowProblem.AMOUNT : null;
        if (problem || !id.ok || date === null) issues.push({ line: row.line, problem: problem ?? SignalRowProblem.ID_NUMBER_FORMAT });
        else valid.push({ number: id.facts.normalised, date, amount });
      }
      const matches = await this.matcher.match([...new Set(valid.map((v) => v.number))], found.region_code);
      const signals = valid.flatMap((v) => {
        const match = matches.get(v.number);
        if (!match) return [];
        const key = createHash('sha256').update(match.blindIndex).update(`|${found.kind}|${v.date}|${v.amount ?? ''}`).digest();
        return [{ id: newId(), personId: match.personId, date: v.date, amount: v.amount, key }];
      });
      const stored: unknown[] = signals.length === 0 ? [] : await tx.query(
        `INSERT INTO person_signals (id, import_id, person_id, kind, occurred_on, amount_cents, row_key)
         SELECT v.id, $1, v.person_id, $2, v.occurred_on, v.amount_cents, v.row_key
           FROM unnest($3::uuid[], $4::uuid[], $5::date[], $6::bigint[], $7::bytea[]) AS v(id, person_id, occurred_on, amount_cents, row_key)
         ON CONFLICT (row_key) DO NOTHING RETURNING 1`,
        [input.importId, found.kind, signals.map((s) => s.id), signals.map((s) => s.personId), signals.map((s) => s.date), signals.map((s) => s.amount),
          signals.map((s) => s.key)]);
      const kept = issues.slice(0, MAX_ISSUES);
      await tx.query(
        `INSERT INTO signal_import_batches (import_id, first_line, rows, matched, repeated, unmatched, invalid, problems) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [input.importId, firstLine, input.rows.length, signals.length, signals.length - stored.length, valid.length - signals.length, issues.length, JSON.stringify(kept)]);
      return this.batchResult(tx, input.importId, input.rows.length, kept);
    });
  }

  async finish(actor: Actor, importId: string): Promise<SignalImport> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'import signal files');
    const finished = await this.db.transaction(async (tx) => {
      const current = await this.one(tx, acting.organisationId, importId);
      if (current.status === SignalImportStatus.DONE) return current;
      if (current.rowsDone < current.rowsExpected) {
        throw conflict('SIGNAL_ROWS_MISSING', `${current.rowsExpected - current.rowsDone} of the file’s rows have not arrived: send them, then finish.`);
      }
      await tx.query(`UPDATE signal_imports SET status = 'DONE', finished_at = now() WHERE id = $1`, [importId]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'SignalImport', subjectId: importId, fields: ['status'], details: { rows: current.rowsDone, invalid: current.invalid },
      }]);
      return this.one(tx, acting.organisationId, importId);
    });
    // The rules that read signals see the new ones now, not tonight.
    this.evaluation.evaluateSoon(() => this.clock.now());
    return finished;
  }

  async get(actor: Actor, importId: string): Promise<SignalImport> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'see signal imports');
    return this.one(this.db.manager, acting.organisationId, importId);
  }

  list(actor: Actor, args: PageArgs): Promise<Connection<SignalImport>> {
    const acting = requireRole(actor, [Role.COORDINATOR], 'see signal imports');
    return paginateById(args, async (after, limit) => {
      const rows: ImportRow[] = await this.db.query(
        `${IMPORT_SELECT} WHERE i.organisation_id = $1 AND ($2::uuid IS NULL OR i.id < $2) ORDER BY i.id DESC LIMIT ${Number(limit)}`, [acting.organisationId, after ?? null]);
      return rows.map(toImport);
    }, cursorScope(actor, 'signalImports'));
  }

  private async one(tx: EntityManager, organisationId: string, importId: string): Promise<SignalImport> {
    const [row]: ImportRow[] = await tx.query(`${IMPORT_SELECT} WHERE i.id = $1 AND i.organisation_id = $2`, [importId, organisationId]);
    if (!row) throw notFound('SIGNAL_IMPORT_NOT_FOUND', 'No such import of your organisation’s.');
    return toImport(row);
  }

  private async batchResult(tx: EntityManager, importId: string, rows: number, issues: SignalRowIssue[]): Promise<SignalBatchResult> {
    const [{ done }]: { done: number }[] = await tx.query(`SELECT COALESCE(sum(rows), 0)::int AS done FROM signal_import_batches WHERE import_id = $1`, [importId]);
    return Object.assign(new SignalBatchResult(), { rows, issues, rowsDone: done });
  }
}

/** Matched and unmatched counts only once the import is done, and only when neither is below MIN_CELL. */
function toImport(row: ImportRow): SignalImport {
  const shown = row.status === SignalImportStatus.DONE && row.matched >= MIN_CELL && row.unmatched >= MIN_CELL;
  return Object.assign(new SignalImport(), {
    id: row.id, kind: row.kind, fileName: row.file_name, status: row.status, rowsExpected: row.rows_expected, rowsDone: row.rows_done,
    invalid: row.invalid, matched: shown ? row.matched : null, repeated: shown ? row.repeated : null, unmatched: shown ? row.unmatched : null,
    countsSuppressed: !shown, issues: row.issues, startedAt: row.started_at, finishedAt: row.finished_at,
  });
}
