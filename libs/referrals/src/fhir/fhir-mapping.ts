import { ReferralStatus } from '../referrals/referral-moves';
import { ReferralUrgency } from '../referrals/referral.type';

/** The referral's fields as the requester may see them: null where the access check withheld one. */
export interface CheckedReferral {
  id: string;
  status: ReferralStatus | null;
  needs: string[] | null;
  urgency: ReferralUrgency | null;
  noteForReceiver: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  serviceId: string | null;
  serviceName: string | null;
  senderOrganisationId: string;
  senderOrganisationName: string;
  receiverOrganisationId: string;
  receiverOrganisationName: string;
  createdAt: Date;
  requestedAt: Date | null;
  endedAt: Date | null;
  /** The person, when the requester may see who it is. */
  person: { id: string; fullName: string | null } | null;
}

const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare';
const ZHULIAN = 'https://zhulian.org/fhir/CodeSystem';

/** FHIR Task.status codes are our states in lower case with dashes. */
const taskStatus = (status: ReferralStatus) => status.toLowerCase().replace(/_/g, '-');

const PRIORITY: Record<ReferralUrgency, string> = { LOW: 'routine', NORMAL: 'routine', HIGH: 'urgent', URGENT: 'asap' };

/** ServiceRequest.status for each referral state (the request lives on while the task is worked). */
function requestStatus(status: ReferralStatus): string {
  switch (status) {
    case ReferralStatus.DRAFT:
      return 'draft';
    case ReferralStatus.COMPLETED:
      return 'completed';
    case ReferralStatus.REJECTED:
    case ReferralStatus.CANCELLED:
    case ReferralStatus.FAILED:
      return 'revoked';
    case ReferralStatus.ENTERED_IN_ERROR:
      return 'entered-in-error';
    case ReferralStatus.ON_HOLD:
      return 'on-hold';
    default:
      return 'active';
  }
}

const organisation = (id: string, name: string) => ({ reference: `Organization/${id}`, display: name });
const patient = (r: CheckedReferral) => (r.person ? { reference: `Patient/${r.person.id}`, ...(r.person.fullName ? { display: r.person.fullName } : {}) } : undefined);

/** Drops the keys whose value is undefined, so that withheld data is absent rather than null. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The referral as an R4 Task in the SDOH Clinical Care shape (SDOHCC Task For Referral Management). */
export function toFhirTask(r: CheckedReferral): Record<string, unknown> {
  return compact({
    resourceType: 'Task',
    id: r.id,
    meta: { profile: [`${SDOHCC}/StructureDefinition/SDOHCC-TaskForReferralManagement`] },
    status: r.status ? taskStatus(r.status) : undefined,
    statusReason: r.reasonCode
      ? compact({ coding: [{ system: `${ZHULIAN}/referral-reason`, code: r.reasonCode }], text: r.reasonText ?? undefined })
      : undefined,
    intent: 'order',
    priority: r.urgency ? PRIORITY[r.urgency] : undefined,
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: `ServiceRequest/${r.id}` },
    for: patient(r),
    authoredOn: r.createdAt.toISOString(),
    executionPeriod: r.requestedAt ? compact({ start: r.requestedAt.toISOString(), end: r.endedAt?.toISOString() }) : undefined,
    requester: organisation(r.senderOrganisationId, r.senderOrganisationName),
    owner: organisation(r.receiverOrganisationId, r.receiverOrganisationName),
    output: r.outcome
      ? [{
          type: { coding: [{ system: `${SDOHCC}/CodeSystem/SDOHCC-CodeSystemTemporaryCodes`, code: 'resulting-activity' }] },
          valueCodeableConcept: compact({ coding: [{ system: `${ZHULIAN}/referral-outcome`, code: r.outcome }], text: r.outcomeNote ?? undefined }),
        }]
      : undefined,
  });
}

/** The request the Task fulfils, as an R4 ServiceRequest (same id). */
export function toFhirServiceRequest(r: CheckedReferral): Record<string, unknown> {
  return compact({
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: { profile: [`${SDOHCC}/StructureDefinition/SDOHCC-ServiceRequest`] },
    status: r.status ? requestStatus(r.status) : undefined,
    intent: 'order',
    priority: r.urgency ? PRIORITY[r.urgency] : undefined,
    category: r.needs?.map((need) => ({ coding: [{ system: `${ZHULIAN}/need`, code: need }] })),
    code: r.serviceName ? compact({ coding: r.serviceId ? [{ system: `${ZHULIAN}/service`, code: r.serviceId }] : undefined, text: r.serviceName }) : undefined,
    subject: patient(r),
    authoredOn: r.createdAt.toISOString(),
    requester: organisation(r.senderOrganisationId, r.senderOrganisationName),
    performer: [organisation(r.receiverOrganisationId, r.receiverOrganisationName)],
    note: r.noteForReceiver ? [{ text: r.noteForReceiver }] : undefined,
  });
}

/** An R4 OperationOutcome for an error. */
export function operationOutcome(code: 'not-found' | 'forbidden' | 'login' | 'invalid' | 'exception', text: string): Record<string, unknown> {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] };
}

/** A search's page as a FHIR Bundle (searchset): the tasks found, the link to this page and to the next. */
export function searchBundle(base: string, self: string, next: string | null, tasks: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [{ relation: 'self', url: self }, ...(next ? [{ relation: 'next', url: next }] : [])],
    entry: tasks.map((task) => ({ fullUrl: `${base}/${String(task.id)}`, resource: task, search: { mode: 'match' } })),
  };
}

/** What this server offers, as FHIR R4 says a server describes itself (`GET /fhir/metadata`). */
export function capabilityStatement(): Record<string, unknown> {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-05',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    software: { name: 'Zhulian' },
    implementation: { description: 'Zhulian referrals as FHIR R4 Tasks and ServiceRequests (SDOH Clinical Care), under the same access rules as its GraphQL API.' },
    instantiates: [`${SDOHCC}/CapabilityStatement/SDOHCC-ReferralRecipient`],
    rest: [{
      mode: 'server',
      security: { description: 'A bearer access token from the GraphQL login; the organisation acted for in the X-Organisation-Id header when the user belongs to several.' },
      resource: [
        {
          type: 'Task',
          supportedProfile: [`${SDOHCC}/StructureDefinition/SDOHCC-TaskForReferralManagement`],
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [
            { name: 'status', type: 'token', documentation: 'One or more Task status codes, comma-separated (requested, accepted, rejected, cancelled, in-progress, on-hold, completed, failed, entered-in-error, draft).' },
            { name: 'owner', type: 'reference', documentation: 'Organization/<id>: the organisation that received the referral.' },
            { name: 'requester', type: 'reference', documentation: 'Organization/<id>: the organisation that sent it.' },
            { name: '_count', type: 'number', documentation: 'Tasks per page (at most 100; 20 when absent).' },
          ],
        },
        { type: 'ServiceRequest', supportedProfile: [`${SDOHCC}/StructureDefinition/SDOHCC-ServiceRequest`], interaction: [{ code: 'read' }] },
      ],
    }],
  };
}
