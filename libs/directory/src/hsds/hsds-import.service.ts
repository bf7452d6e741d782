import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditEvent, AuditTrail } from '@zhulian/access';
import { actingMembership, Actor, ActorMembership, badInput, forbidden, NeedService } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { changedFields, draftProblems, filledFields } from '../services/service-draft';
import { draftOf, resolveRefs, ServiceStore } from '../services/service.store';
import { Service } from '../services/service.type';
import { fromHsds, hsdsPath, MappedRow } from './hsds-mapping';
import { HsdsKept, hsdsKeptSchema, keptOf, mergeKept, withoutBadCoordinates } from './hsds-kept';
import { parseLeniently } from './hsds-lenient';
import { HsdsCsvFileInput, HsdsImportOutcome, HsdsImportProblem, HsdsImportReport, HsdsImportRow, MAX_IMPORT_ROWS } from './hsds.types';
import { servicesFromTables } from './hsds-tables';

interface ValidRow {
  index: number;
  hsdsId: string;
  mapped: MappedRow;
  /** What the row says beyond the directory's columns, given back by the export; null when nothing. */
  kept: HsdsKept | null;
  warnings: HsdsImportProblem[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The services of a parsed HSDS JSON file, in every shape the standard gives them: an array; an object
 * with `services` (an organization with its services, or our own wrapper); a page of the HSDS API
 * (`contents`); one service object (as `/services/{id}` answers); one service-at-location object (as
 * `/service_at_locations/{id}` answers: its service, delivered at its place). Null: none of these.
 */
export function servicesOfJson(parsed: unknown): unknown[] | null {
  if (Array.isArray(parsed)) return parsed;
  if (!isObject(parsed)) return null;
  if (Array.isArray(parsed.services)) return parsed.services;
  if (Array.isArray(parsed.contents)) return parsed.contents;
  if (isObject(parsed.service) && isObject(parsed.location)) {
    const { service, ...at } = parsed;
    const current = Array.isArray(service.service_at_locations) ? service.service_at_locations : [];
    return [{ ...service, service_at_locations: [...current, at] }];
  }
  if ('id' in parsed && 'name' in parsed) return [parsed];
  return null;
}

/** Thrown to roll a dry run back once its report is made. */
class DryRunDone extends Error {}

/**
 * Imports an organisation's services from HSDS 3.x (JSON, or the tabular CSV form), one batch per call.
 * Each row is checked on its own (the HSDS schema, then the directory's rules) and written in its own
 * savepoint, so a bad row fails alone. Rows match existing services on (organisation, HSDS id) — or the
 * service's own id, for a file exported from here — so importing the same file again changes nothing.
 */
@Injectable()
export class HsdsImportService {
  private readonly logger = new Logger(HsdsImportService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ServiceStore,
    private readonly needs: NeedService,
    private readonly audit: AuditTrail,
  ) {}

  async importJson(actor: Actor, json: string, dryRun: boolean): Promise<HsdsImportReport> {
    const acting = this.importer(actor);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw badInput('HSDS_NOT_JSON', 'This is not JSON. Export the file from your directory as HSDS 3 JSON and try again.', 'json');
    }
    const rows = servicesOfJson(parsed);
    if (rows === null) {
      throw badInput('HSDS_NOT_A_LIST', 'Send HSDS services: a service object, an organization with its services, a service-at-location, an array of services, or a page of the HSDS API.', 'json');
    }
    return this.importRows(actor, acting, rows, dryRun, [], false);
  }

  async importCsv(actor: Actor, files: HsdsCsvFileInput[], dryRun: boolean): Promise<HsdsImportReport> {
    const acting = this.importer(actor);
    const { services, ignored } = servicesFromTables(files);
    return this.importRows(actor, acting, services, dryRun, ignored, true);
  }

  private importer(actor: Actor): ActorMembership {
    const acting = actingMembership(actor);
    if (!abilityFor(actor).can('create', 'Service')) {
      throw forbidden('IMPORT_NOT_ALLOWED', 'Only your organisation’s admins and coordinators import its services.');
    }
    return acting;
  }

  private async importRows(actor: Actor, acting: ActorMembership, rows: unknown[], dryRun: boolean, ignoredTables: string[], tabular: boolean,
  ): Promise<HsdsImportReport> {
    if (rows.length > MAX_IMPORT_ROWS) {
      throw badInput('HSDS_BATCH_TOO_LARGE', `One call imports at most ${MAX_IMPORT_ROWS} services; this batch has ${rows.length}. Send the file in smaller batches.`, 'json');
    }
    const knownNeeds = new Set((await this.needs.list()).map((n) => n.code));
    const results: HsdsImportRow[] = [];
    const valid: ValidRow[] = [];
    const seen = new Set<string>();
    rows.forEach((raw, index) => {
      const parsed = parseLeniently(raw);
      if ('errors' in parsed) {
        results[index] = failed(index, idOf(raw), parsed.errors);
        return;
      }
      const mapped = fromHsds(parsed.data);
      const problems = [...mapped.problems, ...draftProblems(mapped.draft, knownNeeds).map((p) => ({ ...p, path: hsdsPath(mapped, p.path) }))];
      if (seen.has(parsed.data.id)) problems.push({ path: 'id', code: 'DUPLICATE_ID', message: 'Another service of this batch has the same id.' });
      seen.add(parsed.data.id);
      if (problems.length > 0) {
        results[index] = failed(index, parsed.data.id, problems);
        return;
      }
      const warnings = [...parsed.warnings];
      valid.push({ index, hsdsId: parsed.data.id, mapped, kept: checkedKept(parsed.row, warnings), warnings });
    });
    if (valid.length > 0) await this.write(actor, acting, valid, results, dryRun, tabular);
    const count = (outcome: HsdsImportOutcome) => results.filter((r) => r.outcome === outcome).length;
    return {
      total: rows.length, created: count(HsdsImportOutcome.CREATED), updated: count(HsdsImportOutcome.UPDATED),
      unchanged: count(HsdsImportOutcome.UNCHANGED), failed: count(HsdsImportOutcome.FAILED), dryRun, rows: results, ignoredTables,
    };
  }

  private async write(actor: Actor, acting: ActorMembership, valid: ValidRow[], results: HsdsImportRow[], dryRun: boolean, tabular: boolean): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const existing = await this.store.lockByHsdsIds(tx, acting.organisationId, valid.map((v) => v.hsdsId));
        const byHsdsId = new Map<string, Service>(existing.map((s) => [s.hsdsId ?? s.id, s]));
        const children = await this.store.childrenOf(tx, existing.map((s) => s.id));
        const keptNow = tabular ? await this.store.hsdsKeptOf(tx, existing.map((s) => s.id)) : new Map<string, Record<string, unknown>>();
        const events: AuditEvent[] = [];
        for (const row of valid) {
          await tx.query('SAVEPOINT hsds_row');
          try {
            const current = byHsdsId.get(row.hsdsId);
            let outcome: HsdsImportOutcome;
            let serviceId: string | null;
            let fields: string[] = [];
            const kept = (current && tabular ? mergeKept((keptNow.get(current.id) ?? null) as HsdsKept | null, row.kept) : row.kept) as Record<string, unknown> | null;
            if (current) {
              const have = children.get(current.id)!;
              const { draft } = resolveRefs(row.mapped.draft, have);
              fields = changedFields(draftOf(current, have), draft);
              if (fields.length > 0) await this.store.replace(tx, current, have, draft);
              if (await this.store.setHsdsKept(tx, current.id, kept, fields.length === 0)) fields.push('hsdsKept');
              outcome = fields.length > 0 ? HsdsImportOutcome.UPDATED : HsdsImportOutcome.UNCHANGED;
              serviceId = current.id;
            } else {
              const id = await this.store.insert(tx, acting.organisationId, row.mapped.draft, { hsdsId: row.hsdsId, createdBy: actor.userId });
              fields = filledFields(row.mapped.draft);
              if (await this.store.setHsdsKept(tx, id, kept, false)) fields.push('hsdsKept');
              outcome = HsdsImportOutcome.CREATED;
              serviceId = dryRun ? null : id;
            }
            await tx.query('RELEASE SAVEPOINT hsds_row');
            results[row.index] = { index: row.index, hsdsId: row.hsdsId, serviceId, outcome, errors: [], warnings: row.warnings };
            if (fields.length > 0) {
              events.push({ action: 'CHANGE', subjectType: 'Service', subjectId: serviceId, fields, grounds: { role: acting.role, via: 'hsds-import' } });
            }
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT hsds_row');
            results[row.index] = failed(row.index, row.hsdsId, [writeProblem(error)]);
            if (!isExpectedWriteError(error)) this.logger.error({ err: error, hsdsId: row.hsdsId }, 'HSDS import row failed to write');
          }
        }
        if (dryRun) throw new DryRunDone();
        await this.audit.record(tx, auditActor(actor), events);
      });
    } catch (error) {
      if (!(error instanceof DryRunDone)) throw error;
    }
  }
}

function failed(index: number, hsdsId: string | null, errors: HsdsImportProblem[]): HsdsImportRow {
  return { index, hsdsId, serviceId: null, outcome: HsdsImportOutcome.FAILED, errors, warnings: [] };
}

/** What to keep of the row beyond the columns, checked; a part that fails the check is left out with a warning. */
function checkedKept(row: Json, warnings: HsdsImportProblem[]): HsdsKept | null {
  const kept = keptOf(row);
  if (kept.service) kept.service = withoutBadCoordinates(kept.service, '', warnings) as Json;
  for (const w of warnings) w.path = w.path.replace(/^\./, '');
  if (Object.keys(kept).length === 0) return null;
  const checked = hsdsKeptSchema.safeParse(kept);
  if (checked.success) return kept;
  warnings.push({ path: '', code: 'NOT_KEPT', message: `Only the directory's own fields were imported: ${checked.error.issues[0]?.message ?? 'the rest is not plain JSON'}.` });
  return null;
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 200) : null;
}

/** Database refusals a row can meet although it passed the checks (a race, a constraint we do not mirror). */
function isExpectedWriteError(error: unknown): boolean {
  return ['23505', '23514', '22003', '22001'].includes((error as { code?: string }).code ?? '');
}

function writeProblem(error: unknown): HsdsImportProblem {
  switch ((error as { code?: string }).code) {
    case '23505':
      return { path: 'id', code: 'IMPORTED_CONCURRENTLY', message: 'Another import wrote this service at the same moment: import this row again.' };
    case '23514':
    case '22003':
    case '22001':
      return { path: '', code: 'INVALID_VALUE', message: 'A value of this service is outside what the directory can hold.' };
    default:
      return { path: '', code: 'WRITE_FAILED', message: 'This service could not be written. Please try again; if it keeps failing, tell support.' };
  }
}
