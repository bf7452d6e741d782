import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FieldCategory, protectedTypes, sensitiveFieldsOf } from '@zhulian/access';
import './app.module';

/**
 * The category of every field of every protected type, written out by hand. The rules and the generated
 * matrices both read a field's category from its declaration, so a declaration loosened by mistake
 * (`chronicIllness` moved from `health` to `basic`) would loosen the rule and its test together and pass:
 * this list does not move with it. Changing a category means changing it here too, in review.
 */
const PINNED: Record<string, Record<string, FieldCategory>> = {
  Person: {
    id: 'none', fullName: 'basic', gender: 'basic', birthYear: 'basic', birthDate: 'identity', idDocumentType: 'identity', idNumber: 'identity',
    phone: 'contact', address: 'contact', regionCode: 'basic', relationToHead: 'basic', household: 'basic', disability: 'health', chronicIllness: 'health',
    monthlyIncomeCents: 'financial', assistance: 'financial', notes: 'case_notes', holdingOrganisationId: 'none', createdAt: 'none', mergedRecordIds: 'none',
  },
  Household: {
    id: 'none', regionCode: 'basic', address: 'contact', monthlyIncomeCents: 'financial', members: 'basic', holdingOrganisationId: 'none', createdAt: 'none',
  },
  Case: {
    id: 'none', caseNumber: 'none', person: 'basic', needs: 'basic', priority: 'basic', status: 'basic', regionCode: 'basic', summary: 'case_notes', notes: 'case_notes',
    outcome: 'basic', outcomeNote: 'case_notes', assignees: 'basic', timeline: 'basic', holdingOrganisationId: 'none', version: 'none', createdAt: 'none',
    closedAt: 'none', readyToClose: 'none', noteEntries: 'case_notes', attachments: 'basic',
  },
  CaseNote: {
    id: 'none', caseId: 'none', body: 'case_notes', visibility: 'none', authorUserId: 'none', authorName: 'none', authorOrganisationId: 'none',
    authorOrganisationName: 'none', writtenAt: 'none', correctsId: 'none', correctedById: 'none', migrated: 'none',
  },
  CaseAttachment: {
    id: 'none', caseId: 'none', category: 'basic', fileName: 'case_notes', content: 'case_notes', contentType: 'none', sizeBytes: 'none',
    uploadedByName: 'none', uploadedByOrganisationName: 'none', uploadedAt: 'none',
  },
  Referral: {
    id: 'none', status: 'basic', needs: 'basic', urgency: 'basic', regionCode: 'basic', ageBand: 'basic', noteForReceiver: 'basic', sharedCategories: 'basic',
    overrideReason: 'basic', reasonCode: 'basic', reasonText: 'basic', outcome: 'basic', outcomeNote: 'basic', person: 'identity', caseId: 'case_notes',
    timeline: 'basic', serviceId: 'none', serviceName: 'none', answerBy: 'none', senderOrganisationId: 'none', senderOrganisationName: 'none', receiverOrganisationId: 'none',
    receiverOrganisationName: 'none', receiverUserId: 'none', receiverUserName: 'none', requestedAt: 'none', respondedAt: 'none', endedAt: 'none',
    escalatedAt: 'none', version: 'none', createdAt: 'none',
  },
  VolunteerProfile: {
    userId: 'none', displayName: 'basic', phone: 'contact', idNumber: 'identity', organisationId: 'none', skills: 'basic', areaCodes: 'basic',
    availability: 'basic', languages: 'basic', identityCheckedAt: 'basic', backgroundCheckValidUntil: 'basic',
  },
  TaskClaim: {
    id: 'none', taskId: 'none', volunteerId: 'none', status: 'none', waitlistPosition: 'none', offeredUntil: 'none', reason: 'none', checkedInAt: 'none',
    checkInPlace: 'location', checkedOutAt: 'none', checkOutPlace: 'location', minutes: 'none', hoursConfirmedAt: 'none', report: 'case_notes',
    createdAt: 'none', version: 'none', reminder: 'none', task: 'none', volunteer: 'none',
  },
  ServiceLocation: {
    id: 'none', name: 'none', address: 'location', regionCode: 'none', latitude: 'location', longitude: 'location', confidential: 'none',
  },
  ServiceStaffContacts: { id: 'none', contacts: 'contact' },
  InsightAlert: {
    id: 'none', ruleCode: 'none', rule: 'none', subjectType: 'basic', person: 'basic', householdId: 'basic', caseId: 'basic', regionCode: 'basic',
    severity: 'basic', score: 'basic', status: 'basic', householdSize: 'basic', incomePerPersonCents: 'financial', lineCents: 'none', age: 'basic',
    livesAlone: 'basic', healthConditionRecorded: 'health', daysInactive: 'basic', casePriority: 'basic', limitDays: 'none', signalCount: 'health',
    signalTotalCents: 'financial', burdenPercent: 'financial', lastSignalOn: 'health', months: 'none', declinedInARow: 'basic', expiredUnanswered: 'basic',
    carerAwayNeed: 'case_notes', reasonCode: 'basic', reasonText: 'case_notes',
    decidedAt: 'none', raisedAt: 'none', lastSeenAt: 'none', clearedAt: 'none', version: 'none', holdingOrganisationId: 'none',
  },
};

const ROOT = join(__dirname, '../../..');

/** Every `*.matrix.int-spec.ts` under libs/, with its text. */
function matrixSpecs(dir = join(ROOT, 'libs')): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : matrixSpecs(path);
    return name.endsWith('.matrix.int-spec.ts') ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}

describe('the declared categories of protected fields', () => {
  it('are exactly the pinned ones, type by type and field by field', () => {
    const declared = Object.fromEntries(protectedTypes().map((type) => [type.name, Object.fromEntries([...sensitiveFieldsOf(type)].map(([f, d]) => [f, d.category]))]));
    expect(declared).toEqual(PINNED);
  });

  it('each have a generated access matrix that walks the type’s declarations', () => {
    const specs = matrixSpecs();
    const uncovered = protectedTypes().map((type) => type.name)
      .filter((name) => !specs.some(({ text }) => new RegExp(`(sensitiveFieldsOf|declaredFields)\\(\\s*${name}\\s*\\)`).test(text)));
    expect(uncovered).toEqual([]);
  });
});
