import { Controller, Get, HttpCode, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { auditActor, AuditChainer, AuditTrail, readProtectedField, requestAccess } from '@zhulian/access';
import { Actor, badInput, CurrentActor, HTTP_STATUS_OF, HttpRequest, MAX_PAGE_SIZE, ParseIdPipe, PublicErrorCode, toPublicError } from '@zhulian/core';
import { Public } from '@zhulian/identity';
import { Person } from '@zhulian/registry';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReferralLoaders } from '../referrals/referral-loaders.service';
import { ReferralReads } from '../referrals/referral-reads.service';
import { Referral } from '../referrals/referral.type';
import { ReferralStatus } from '../referrals/referral-moves';
import { capabilityStatement, CheckedReferral, operationOutcome, searchBundle, toFhirServiceRequest, toFhirTask } from './fhir-mapping';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const ISSUE: Partial<Record<PublicErrorCode, 'not-found' | 'forbidden' | 'login' | 'invalid'>> = {
  [PublicErrorCode.NOT_FOUND]: 'not-found',
  [PublicErrorCode.FORBIDDEN]: 'forbidden',
  [PublicErrorCode.UNAUTHENTICATED]: 'login',
  [PublicErrorCode.BAD_USER_INPUT]: 'invalid',
};

/** FHIR clients get their errors as OperationOutcome resources, with the same HTTP status as elsewhere. */
@Catch()
export class FhirErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = toPublicError(exception);
    if (res.headersSent) return;
    res.status(error.httpStatus ?? HTTP_STATUS_OF[error.code]).type(FHIR_JSON).send(JSON.stringify(operationOutcome(ISSUE[error.code] ?? 'exception', error.message)));
  }
}

/**
 * Referrals as FHIR R4 (SDOH Clinical Care): `GET /fhir/Task/:id` and the `ServiceRequest` it points
 * to, under the same access rules as the GraphQL API — every field passes the same check, withheld ones
 * are left out — and with the reads audited the same way.
 */
@Controller('fhir')
@UseFilters(FhirErrorFilter)
export class FhirController {
  constructor(
    private readonly referrals: ReferralReads,
    private readonly loaders: ReferralLoaders,
    private readonly audit: AuditTrail,
    private readonly chainer: AuditChainer,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** What this server answers (FHIR's `metadata`): public, as FHIR clients ask it before signing in. */
  @Get('metadata')
  @Public()
  metadata(@Res() res: Response): void {
    res.type(FHIR_JSON).send(JSON.stringify(capabilityStatement()));
  }

  /**
   * Task search, so that a partner system can poll the referrals it is party to: `status` (FHIR codes,
   * comma-separated), `owner` and `requester` (`Organization/<id>`), `_count` (at most 100) and the `_cursor`
   * the previous page's `next` link carries. Rows are filtered in SQL under the referral rules, newest first.
   */
  @Get('Task')
  @HttpCode(200)
  async searchTasks(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Req() req: HttpRequest, @Res() res: Response): Promise<void> {
    const one = (name: string): string | undefined => {
      const value = query[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'string') throw badInput('FHIR_PARAMETER_REPEATED', `Give the search parameter ${name} once (values separated by commas).`, name);
      return value;
    };
    const known = new Set(['status', 'owner', 'requester', '_count', '_cursor']);
    const unknown = Object.keys(query).find((name) => !known.has(name));
    if (unknown) throw badInput('FHIR_PARAMETER_UNKNOWN', `This server does not search Tasks by ${unknown}: see /fhir/metadata.`, unknown);
    const statuses = one('status')?.split(',').map((code) => {
      const status = code.trim().toUpperCase().replace(/-/g, '_') as ReferralStatus;
      if (!Object.values(ReferralStatus).includes(status)) throw badInput('FHIR_STATUS_UNKNOWN', `No Task status ${code.trim()} here.`, 'status');
      return status;
    });
    const organisation = (name: string) => {
      const value = one(name);
      if (value === undefined) return undefined;
      const id = /^(?:Organization\/)?([0-9a-f-]{36})$/i.exec(value)?.[1];
      if (!id) throw badInput('FHIR_REFERENCE_INVALID', `${name} is a reference such as Organization/<id>.`, name);
      return id.toLowerCase();
    };
    const countText = one('_count');
    const count = countText === undefined ? 20 : Number(countText);
    if (!Number.isInteger(count) || count < 1) throw badInput('FHIR_COUNT_INVALID', '_count is a whole number of at least 1.', '_count');
    const page = await this.referrals.list(actor, {
      first: Math.min(count, MAX_PAGE_SIZE), after: one('_cursor'),
      filter: { status: statuses, receiverOrganisationId: organisation('owner'), senderOrganisationId: organisation('requester') },
    });
    const tasks = [];
    for (const edge of page.edges) tasks.push(toFhirTask(await this.checkedReferral(actor, edge.node, req)));
    await this.audited(actor, req);
    const base = `${req.protocol}://${req.get('host') ?? 'localhost'}/fhir/Task`;
    const params = new URLSearchParams(Object.entries(query).filter(([name]) => name !== '_cursor') as [string, string][]);
    const next = page.pageInfo.hasNextPage && page.pageInfo.endCursor
      ? `${base}?${new URLSearchParams([...params, ['_cursor', page.pageInfo.endCursor]]).toString()}` : null;
    res.type(FHIR_JSON).send(JSON.stringify(searchBundle(base, `${base}${params.size ? `?${params.toString()}` : ''}`, next, tasks)));
  }

  @Get('Task/:id')
  @HttpCode(200)
  async task(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Req() req: HttpRequest, @Res() res: Response): Promise<void> {
    res.type(FHIR_JSON).send(JSON.stringify(toFhirTask(await this.checked(actor, id, req))));
  }

  @Get('ServiceRequest/:id')
  @HttpCode(200)
  async serviceRequest(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Req() req: HttpRequest, @Res() res: Response): Promise<void> {
    res.type(FHIR_JSON).send(JSON.stringify(toFhirServiceRequest(await this.checked(actor, id, req))));
  }

  /** The referral under the rules, each field through the one field check (its reads noted for `audited`). */
  private async checked(actor: Actor, id: string, req: HttpRequest): Promise<CheckedReferral> {
    const checked = await this.checkedReferral(actor, await this.referrals.get(actor, id), req);
    await this.audited(actor, req);
    return checked;
  }

  private async checkedReferral(actor: Actor, referral: Referral, req: HttpRequest): Promise<CheckedReferral> {
    const access = requestAccess(req);
    const field = <T>(name: keyof Referral, resolve: () => unknown = () => referral[name]) =>
      readProtectedField(access, Referral, referral as unknown as Record<string, unknown>, name, resolve, { path: `Task.${name}` }) as Promise<T>;
    const person = await field<Person | null>('person', async () => (await this.loaders.peopleOf(actor, [referral.personId])).get(referral.personId) ?? null);
    const fullName = person
      ? await readProtectedField(access, Person, person as unknown as Record<string, unknown>, 'fullName', () => person.fullName, { path: 'Task.for.display' }) as string | null
      : null;
    const checked: CheckedReferral = {
      id: referral.id,
      status: await field('status'),
      needs: await field('needs'),
      urgency: await field('urgency'),
      noteForReceiver: await field('noteForReceiver'),
      reasonCode: await field('reasonCode'),
      reasonText: await field('reasonText'),
      outcome: await field('outcome'),
      outcomeNote: await field('outcomeNote'),
      serviceId: referral.serviceId,
      serviceName: referral.serviceName,
      senderOrganisationId: referral.senderOrganisationId,
      senderOrganisationName: referral.senderOrganisationName,
      receiverOrganisationId: referral.receiverOrganisationId,
      receiverOrganisationName: referral.receiverOrganisationName,
      createdAt: referral.createdAt,
      requestedAt: referral.requestedAt,
      endedAt: referral.endedAt,
      person: person ? { id: person.id, fullName } : null,
    };
    return checked;
  }

  /** The request's reads, recorded once before the answer leaves (a search's rows together). */
  private async audited(actor: Actor, req: HttpRequest): Promise<void> {
    const events = requestAccess(req).auditEvents();
    if (events.length > 0) {
      await this.audit.stage(this.db.manager, auditActor(actor), events);
      this.chainer.soon();
    }
  }
}
