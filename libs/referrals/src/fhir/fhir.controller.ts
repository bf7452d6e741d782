import { Controller, Get, HttpCode, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { AuditChainer, AuditTrail, readProtectedField, requestAccess } from '@zhulian/access';
import { Actor, CurrentActor, HTTP_STATUS_OF, HttpRequest, ParseIdPipe, PublicErrorCode, toPublicError } from '@zhulian/core';
import { Person } from '@zhulian/registry';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReferralService } from '../referrals/referral.service';
import { Referral } from '../referrals/referral.type';
import { CheckedReferral, operationOutcome, toFhirServiceRequest, toFhirTask } from './fhir-mapping';

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
    private readonly referrals: ReferralService,
    private readonly audit: AuditTrail,
    private readonly chainer: AuditChainer,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

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

  /** The referral under the rules, each field through the one field check; the reads audited before the answer leaves. */
  private async checked(actor: Actor, id: string, req: HttpRequest): Promise<CheckedReferral> {
    const referral = await this.referrals.get(actor, id);
    const access = requestAccess(req);
    const field = <T>(name: keyof Referral, resolve: () => unknown = () => referral[name]) =>
      readProtectedField(access, Referral, referral as unknown as Record<string, unknown>, name, resolve, { path: `Task.${name}` }) as Promise<T>;
    const person = await field<Person | null>('person', async () => (await this.referrals.peopleOf(actor, [referral.personId])).get(referral.personId) ?? null);
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
    const events = access.auditEvents();
    if (events.length > 0) {
      await this.audit.stage(this.db.manager, { userId: actor.userId, organisationId: actor.acting?.organisationId ?? null, requestId: actor.requestId }, events);
      this.chainer.soon();
    }
    return checked;
  }
}
