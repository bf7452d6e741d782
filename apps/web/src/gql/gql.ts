/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query NeedCategories { needCategories { code nameZh nameEn } }\n": typeof types.NeedCategoriesDocument,
    "\n  query SecurityAlerts {\n    securityAlerts(first: 20, unacknowledgedOnly: true) {\n      edges { node { id kind occurredAt actorName actorOrganisationName subjectType subjectId reason } }\n    }\n  }\n": typeof types.SecurityAlertsDocument,
    "\n  mutation AcknowledgeSecurityAlert($id: ID!) { acknowledgeSecurityAlert(id: $id) { id acknowledgedAt } }\n": typeof types.AcknowledgeSecurityAlertDocument,
    "\n  query WorkCounts($cases: Boolean!, $alerts: Boolean!) {\n    inbox: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] }) @include(if: $cases)\n    myCases: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $cases)\n    toDecide: organisationTasks(first: 100, awaitingDecision: true) @include(if: $cases) { edges { node { id } } }\n    alerts: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $alerts)\n  }\n": typeof types.WorkCountsDocument,
    "\n  query AuditTrail($after: String, $subjectId: ID, $actorUserId: ID, $actorOrganisationId: ID, $actions: [String!], $category: String, $from: String, $to: String,\n                   $orderBy: AuditOrder) {\n    auditTrail(first: 50, after: $after, subjectId: $subjectId, actorUserId: $actorUserId, actorOrganisationId: $actorOrganisationId,\n               actions: $actions, category: $category, from: $from, to: $to, orderBy: $orderBy) {\n      edges { node { position occurredAt actorName actorOrganisationName action subjectType subjectId subjectCount holderOrganisationNames\n                     fields categories highlight rule purpose reason } }\n      pageInfo { hasNextPage endCursor }\n    }\n    auditChainStatus { intact events brokenAt problem }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query AuditActors { auditActors { userId displayName organisationId organisationName } }\n": typeof types.AuditActorsDocument,
    "\n  query AssignableCaseworkers($caseId: ID!) { assignableCaseworkers(caseId: $caseId) { userId displayName organisationId organisationName } }\n": typeof types.AssignableCaseworkersDocument,
    "\n  mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ...CaseFields } }\n": typeof types.AssignCaseDocument,
    "\n  mutation UnassignCase($input: UnassignCaseInput!) { unassignCase(input: $input) { ...CaseFields } }\n": typeof types.UnassignCaseDocument,
    "\n  mutation AddCaseNote($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }\n": typeof types.AddCaseNoteDocument,
    "\n  fragment CaseFields on Case {\n    id caseNumber needs priority status summary outcome outcomeNote regionCode createdAt closedAt holdingOrganisationId version readyToClose\n    person { id fullName }\n    assignees { id userId displayName organisationId organisationName assignedAt endedAt }\n    timeline { id kind actorName assigneeName fromStatus toStatus outcome changed referralId referralStatus organisationName occurredAt }\n    noteEntries { id body visibility authorUserId authorName authorOrganisationName writtenAt correctsId correctedById migrated }\n    attachments { id category fileName contentType sizeBytes uploadedByName uploadedByOrganisationName uploadedAt }\n  }\n": typeof types.CaseFieldsFragmentDoc,
    "\n  query Case($id: ID!) { case(id: $id) { ...CaseFields } }\n": typeof types.CaseDocument,
    "\n  mutation UpdateCase($input: UpdateCaseInput!) { updateCase(input: $input) { ...CaseFields } }\n": typeof types.UpdateCaseDocument,
    "\n  mutation SetCaseStatus($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { ...CaseFields } }\n": typeof types.SetCaseStatusDocument,
    "\n  query CaseReferrals($filter: ReferralFilter) {\n    referrals(first: 50, filter: $filter) {\n      edges { node { id status urgency serviceName receiverOrganisationName outcome outcomeNote reasonCode reasonText requestedAt createdAt } }\n    }\n  }\n": typeof types.CaseReferralsDocument,
    "\n  query Cases($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id caseNumber needs priority status createdAt person { id fullName } assignees { id displayName organisationName endedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    casesCount(filter: $filter)\n  }\n": typeof types.CasesDocument,
    "\n  query Services($first: Int, $after: String, $filter: ServiceFilter, $orderBy: ServiceOrder) {\n    services(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id name organisationId organisationName categories serviceAreaCodes status updatedAt capacity { available maximum unit updatedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    servicesCount(filter: $filter)\n  }\n": typeof types.ServicesDocument,
    "\n  mutation ImportHsds($json: String!, $dryRun: Boolean) {\n    importHsds(json: $json, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n": typeof types.ImportHsdsDocument,
    "\n  mutation ImportHsdsCsv($files: [HsdsCsvFileInput!]!, $dryRun: Boolean) {\n    importHsdsCsv(files: $files, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n": typeof types.ImportHsdsCsvDocument,
    "\n  query ExportHsds { exportHsds }\n": typeof types.ExportHsdsDocument,
    "\n  query ExportHsdsCsv { exportHsdsCsv { name csv } }\n": typeof types.ExportHsdsCsvDocument,
    "\n  query CasesToRefer($filter: CaseFilter) {\n    cases(first: 20, filter: $filter) {\n      edges { node { id caseNumber needs holdingOrganisationId person { id fullName } } }\n    }\n  }\n": typeof types.CasesToReferDocument,
    "\n  mutation CreateService($input: CreateServiceInput!) { createService(input: $input) { ...ServiceFields } }\n": typeof types.CreateServiceDocument,
    "\n  mutation UpdateService($input: UpdateServiceInput!) { updateService(input: $input) { ...ServiceFields } }\n": typeof types.UpdateServiceDocument,
    "\n  fragment ServiceFields on Service {\n    id name alternateName description status categories eligibilityDescription minimumAge maximumAge eligibleRegionCodes\n    maxIncomePerPersonCents eligibleNeeds requiredDocuments serviceAreaCodes applicationProcess feesDescription url email phone\n    organisationId organisationName hsdsId updatedAt version\n    capacity { available maximum unit description updatedAt }\n    locations { id name address regionCode latitude longitude confidential }\n    schedules { id freq byday opensAt closesAt description }\n  }\n": typeof types.ServiceFieldsFragmentDoc,
    "\n  query Service($id: ID!) { service(id: $id) { ...ServiceFields } }\n": typeof types.ServiceDocument,
    "\n  mutation SetServiceCapacity($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { ...ServiceFields } }\n": typeof types.SetServiceCapacityDocument,
    "\n  query Worklist($coordinator: Boolean!) {\n    inbox: referrals(first: 100, filter: { direction: RECEIVED, status: [REQUESTED] }) {\n      edges { node { id urgency status serviceName senderOrganisationName requestedAt escalatedAt } }\n    }\n    inboxCount: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] })\n    myCases: cases(first: 10, filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    myCasesCount: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] })\n    returned: referrals(first: 10, filter: { direction: SENT, cameBack: true }) {\n      edges { node { id status reasonCode serviceName receiverOrganisationName caseId respondedAt endedAt } }\n    }\n    escalated: referrals(first: 10, filter: { direction: SENT, escalated: true, status: [REQUESTED] }) @include(if: $coordinator) {\n      edges { node { id urgency serviceName receiverOrganisationName requestedAt escalatedAt } }\n    }\n    unassigned: cases(first: 10, filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    unassignedCount: casesCount(filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator)\n    alerts: insightAlerts(first: 5, filter: { status: [OPEN] }) @include(if: $coordinator) {\n      edges { node { id severity subjectType rule { id nameZh nameEn } person { id fullName } } }\n    }\n    alertsCount: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $coordinator)\n    heldCases: casesCount @include(if: $coordinator)\n    heldPeople: peopleCount @include(if: $coordinator)\n    tasksToday: organisationTasks(first: 20, today: true, status: [OPEN]) {\n      edges { node { id title startsAt endsAt placesTaken slots needsCover } }\n    }\n    toDecide: organisationTasks(first: 20, awaitingDecision: true) {\n      edges { node { id title startsAt claims { id status } } }\n    }\n  }\n": typeof types.WorklistDocument,
    "\n  query InsightAlert($id: ID!) {\n    insightAlert(id: $id) {\n      id ruleCode subjectType severity score status regionCode householdId caseId raisedAt lastSeenAt clearedAt decidedAt reasonCode reasonText version\n      householdSize incomePerPersonCents lineCents age livesAlone healthConditionRecorded daysInactive casePriority limitDays\n      signalCount signalTotalCents burdenPercent lastSignalOn months declinedInARow expiredUnanswered carerAwayNeed\n      rule { id code version regionCode nameZh nameEn descriptionZh descriptionEn }\n      person { id fullName }\n    }\n  }\n": typeof types.InsightAlertDocument,
    "\n  mutation AcknowledgeInsightAlert($input: AcknowledgeInsightAlertInput!) {\n    acknowledgeInsightAlert(input: $input) { id status decidedAt reasonText version }\n  }\n": typeof types.AcknowledgeInsightAlertDocument,
    "\n  mutation DismissInsightAlert($input: DismissInsightAlertInput!) {\n    dismissInsightAlert(input: $input) { id status decidedAt reasonCode reasonText version }\n  }\n": typeof types.DismissInsightAlertDocument,
    "\n  query InsightAlerts($first: Int, $after: String, $filter: InsightAlertFilter) {\n    insightAlerts(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id ruleCode subjectType severity score status regionCode raisedAt clearedAt\n          rule { id nameZh nameEn }\n          person { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    insightAlertsCount(filter: $filter)\n    insightRules { id code nameZh nameEn regionCode }\n  }\n": typeof types.InsightAlertsDocument,
    "\n  query RegionDashboard($regionCode: String) {\n    regionDashboard(regionCode: $regionCode) {\n      regionCode minimumCell people households openCases generatedAt\n      byRegion { regionCode people openCases }\n      openCasesByAge { key count }\n      needs { key count }\n      referralsByReceiver { organisationId organisationName received accepted declined expired acceptanceRate medianResponseHours }\n      alertsByRule { ruleCode raised confirmed dismissed }\n      services { serviceId serviceName organisationName status capacityTracked placesTotal placesAvailable capacityUnit use referralsReceived referralsAccepted }\n      volunteerHours { since hours volunteers byMonth { key hours volunteers } bySkill { key nameZh nameEn hours volunteers } }\n    }\n    insightRules { id code nameZh nameEn }\n  }\n": typeof types.RegionDashboardDocument,
    "\n  mutation OneStopIntake($input: OneStopIntakeInput!) {\n    oneStopIntake(input: $input) {\n      intakeId replayed warnings\n      person { id fullName }\n      members { id fullName }\n      consents { id recipientOrganisationId categories }\n      case { id }\n      referrals { id status receiverOrganisationName }\n      alert { id status }\n    }\n  }\n": typeof types.OneStopIntakeDocument,
    "\n  query IntakeMatches($input: IntakeMatchInput!) {\n    matchServicesForIntake(input: $input, first: 20) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n": typeof types.IntakeMatchesDocument,
    "\n  query IntakePerson($id: ID!) { person(id: $id) { id fullName gender birthYear regionCode household { id } } }\n": typeof types.IntakePersonDocument,
    "\n  query IntakeConsents($personId: ID!) { consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt } }\n": typeof types.IntakeConsentsDocument,
    "\n  query IntakeAlert($id: ID!) { insightAlert(id: $id) { id ruleCode status rule { id nameZh nameEn } person { id } } }\n": typeof types.IntakeAlertDocument,
    "\n  query InsightRules {\n    insightRules {\n      id code version regionCode kind severity params nameZh nameEn descriptionZh descriptionEn active\n      stats { raised open confirmed dismissed precision }\n    }\n  }\n": typeof types.InsightRulesDocument,
    "\n  query InsightRuleRegions { insightRuleRegions }\n": typeof types.InsightRuleRegionsDocument,
    "\n  mutation SaveInsightRuleVersion($input: SaveInsightRuleVersionInput!) {\n    saveInsightRuleVersion(input: $input) { id code version regionCode severity params active }\n  }\n": typeof types.SaveInsightRuleVersionDocument,
    "\n  fragment SignalImportFields on SignalImport {\n    id kind fileName status rowsExpected rowsDone invalid matched repeated unmatched countsSuppressed startedAt finishedAt issues { line problem }\n  }\n": typeof types.SignalImportFieldsFragmentDoc,
    "\n  query SignalImports { signalImports(first: 20) { edges { node { ...SignalImportFields } } } }\n": typeof types.SignalImportsDocument,
    "\n  mutation StartSignalImport($input: StartSignalImportInput!) { startSignalImport(input: $input) { alreadyImported import { ...SignalImportFields } } }\n": typeof types.StartSignalImportDocument,
    "\n  mutation AddSignalRows($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows rowsDone issues { line problem } } }\n": typeof types.AddSignalRowsDocument,
    "\n  mutation FinishSignalImport($id: ID!) { finishSignalImport(id: $id) { ...SignalImportFields } }\n": typeof types.FinishSignalImportDocument,
    "\n  query Members($first: Int, $after: String, $orderBy: MemberOrder, $search: String) {\n    members(first: $first, after: $after, orderBy: $orderBy, search: $search) {\n      edges { cursor node { id role status createdAt user { id displayName email } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { token invitation { id email role expiresAt } }\n  }\n": typeof types.InviteMemberDocument,
    "\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) { id role }\n  }\n": typeof types.ChangeMemberRoleDocument,
    "\n  mutation DeactivateMember($id: ID!) {\n    deactivateMember(membershipId: $id) { id status deactivatedAt }\n  }\n": typeof types.DeactivateMemberDocument,
    "\n  query GrantableRoles { grantableRoles }\n": typeof types.GrantableRolesDocument,
    "\n  query PendingInvitations {\n    invitations(first: 50) { edges { node { id email role status createdAt expiresAt } } }\n  }\n": typeof types.PendingInvitationsDocument,
    "mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }": typeof types.RevokeInvitationDocument,
    "mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { token invitation { id status expiresAt } } }": typeof types.ResendInvitationDocument,
    "mutation ApproveInvitation($id: ID!) { approveInvitation(id: $id) { id status } }": typeof types.ApproveInvitationDocument,
    "\n  query AllianceTasks($first: Int, $after: String) {\n    allianceTasks(first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName startsAt endsAt regionCode skills slots placesTaken waitlistLength needsApproval involvesMinor homeVisit discloses\n          pendingHandover { id status toOrganisationName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AllianceTasksDocument,
    "\n  mutation RequestTaskHandover($input: RequestHandoverInput!) {\n    requestTaskHandover(input: $input) { id status answerBy }\n  }\n": typeof types.RequestTaskHandoverDocument,
    "\n  query CoverCandidates($taskId: ID!) {\n    coverCandidates(taskId: $taskId) { askedCount othersCount known { userId displayName skills } }\n  }\n": typeof types.CoverCandidatesDocument,
    "\n  mutation AskForCover($input: AskForCoverInput!) {\n    askForCover(input: $input) { askedCount othersCount known { userId displayName skills } }\n  }\n": typeof types.AskForCoverDocument,
    "\n  query TaskHandovers($direction: HandoverDirection!, $status: [HandoverStatus!], $first: Int, $after: String) {\n    taskHandovers(direction: $direction, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id taskId status reason answerReason answerBy answeredAt automatic createdAt fromOrganisationId fromOrganisationName toOrganisationName\n          task { id title startsAt endsAt regionCode status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.TaskHandoversDocument,
    "\n  mutation AnswerTaskHandover($input: AnswerHandoverInput!) {\n    answerTaskHandover(input: $input) { id status answerReason answeredAt automatic }\n  }\n": typeof types.AnswerTaskHandoverDocument,
    "\n  mutation WithdrawTaskHandover($id: ID!) { withdrawTaskHandover(id: $id) { id status answeredAt } }\n": typeof types.WithdrawTaskHandoverDocument,
    "\n  query OrgTask($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval\n      involvesMinor homeVisit status cancelledReason discloses needsCover version createdAt\n      person { id fullName }\n      caseId referralId\n      claims {\n        id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason report createdAt version volunteerId\n        checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n        volunteer { userId displayName phone skills identityCheckedAt backgroundCheckValidUntil }\n      }\n      pendingHandover { id status reason answerBy createdAt fromOrganisationId fromOrganisationName toOrganisationName }\n      timelineEvents { id kind actorName claimId reason fields occurredAt }\n    }\n  }\n": typeof types.OrgTaskDocument,
    "\n  mutation CancelTask($input: CancelTaskInput!) { cancelTask(input: $input) { id status cancelledReason version } }\n": typeof types.CancelTaskDocument,
    "\n  query OrganisationTasks($first: Int, $after: String, $status: [TaskStatus!]) {\n    organisationTasks(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          id title startsAt endsAt regionCode slots placesTaken waitlistLength needsApproval involvesMinor homeVisit needsCover status\n          pendingHandover { id status }\n          claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.OrganisationTasksDocument,
    "\n  mutation ApproveClaim($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status version } }\n": typeof types.ApproveClaimDocument,
    "\n  mutation DeclineClaim($input: ClaimDecisionInput!) { declineClaim(input: $input) { id status reason version } }\n": typeof types.DeclineClaimDocument,
    "\n  mutation ConfirmHours($input: ConfirmHoursInput!) { confirmHours(input: $input) { id status minutes hoursConfirmedAt version } }\n": typeof types.ConfirmHoursDocument,
    "\n  mutation MarkNoShow($input: ClaimDecisionInput!) { markNoShow(input: $input) { id status reason version } }\n": typeof types.MarkNoShowDocument,
    "\n  query TaskForEdit($id: ID!) {\n    task(id: $id) {\n      id organisationId title description skills regionCode startsAt endsAt slots placesTaken needsApproval involvesMinor homeVisit status discloses version\n    }\n  }\n": typeof types.TaskForEditDocument,
    "\n  mutation PostTask($input: PostTaskInput!) { postTask(input: $input) { id } }\n": typeof types.PostTaskDocument,
    "\n  mutation EditTask($input: EditTaskInput!) {\n    editTask(input: $input) {\n      id title description skills regionCode startsAt endsAt slots placesTaken waitlistLength needsApproval involvesMinor homeVisit status version\n    }\n  }\n": typeof types.EditTaskDocument,
    "\n  query GroupVolunteers($first: Int, $after: String) {\n    groupVolunteers(first: $first, after: $after) {\n      edges { node { userId displayName phone idNumber skills areaCodes identityCheckedAt backgroundCheckValidUntil } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.GroupVolunteersDocument,
    "\n  mutation VerifyVolunteer($input: VerifyVolunteerInput!) {\n    verifyVolunteer(input: $input) { userId identityCheckedAt backgroundCheckValidUntil }\n  }\n": typeof types.VerifyVolunteerDocument,
    "\n  query DuplicateCandidates($input: DuplicateCheckInput!) {\n    duplicateCandidates(input: $input) {\n      idNumberTaken\n      candidates { score reasons person { id fullName gender birthYear regionCode createdAt holdingOrganisationId } }\n    }\n  }\n": typeof types.DuplicateCandidatesDocument,
    "\n  mutation ExportPeople($search: PeopleSearch, $orderBy: PeopleOrder, $language: ExportLanguage, $purpose: String!, $includeIdentity: Boolean, $identityReason: String) {\n    exportPeople(search: $search, orderBy: $orderBy, language: $language, purpose: $purpose, includeIdentity: $includeIdentity, identityReason: $identityReason) {\n      filename csv rows\n    }\n  }\n": typeof types.ExportPeopleDocument,
    "\n  fragment HouseholdOption on Household {\n    id regionCode address holdingOrganisationId\n    members { id fullName relationToHead }\n  }\n": typeof types.HouseholdOptionFragmentDoc,
    "\n  query JoiningHousehold($id: ID!) { household(id: $id) { ...HouseholdOption } }\n": typeof types.JoiningHouseholdDocument,
    "\n  query HouseholdFinder($name: String!) {\n    people(first: 10, search: { name: $name }) { edges { node { id household { ...HouseholdOption } } } }\n  }\n": typeof types.HouseholdFinderDocument,
    "\n  mutation MergePeople($input: MergePeopleInput!) { mergePeople(input: $input) { id mergedRecordIds } }\n": typeof types.MergePeopleDocument,
    "\n  query People($first: Int, $after: String, $search: PeopleSearch, $orderBy: PeopleOrder, $orderDirection: SortDirection) {\n    people(first: $first, after: $after, search: $search, orderBy: $orderBy, orderDirection: $orderDirection) {\n      edges { node { id fullName gender birthYear phone regionCode } }\n      pageInfo { hasNextPage endCursor }\n    }\n    peopleCount(search: $search)\n  }\n": typeof types.PeopleDocument,
    "\n  query PersonCases($filter: CaseFilter) {\n    cases(first: 50, filter: $filter) {\n      edges { node { id needs priority status createdAt assignees { id displayName organisationName endedAt } } }\n    }\n  }\n": typeof types.PersonCasesDocument,
    "\n  mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { id } }\n": typeof types.OpenCaseDocument,
    "\n  query Person($id: ID!) {\n    person(id: $id) {\n      id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode\n      disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId\n      relationToHead mergedRecordIds\n      household {\n        id regionCode address monthlyIncomeCents holdingOrganisationId\n        members { id fullName relationToHead }\n      }\n    }\n  }\n": typeof types.PersonDocument,
    "\n  query Consents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil givenBy evidence withdrawnAt }\n    organisations(first: 100) { edges { node { id name } } }\n  }\n": typeof types.ConsentsDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }\n": typeof types.RecordConsentDocument,
    "\n  mutation BreakGlass($input: BreakGlassInput!) { breakGlass(input: $input) { id } }\n": typeof types.BreakGlassDocument,
    "\n  mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }\n": typeof types.WithdrawConsentDocument,
    "\n  mutation RegisterPerson($input: RegisterPersonInput!) { registerPerson(input: $input) { id fullName } }\n": typeof types.RegisterPersonDocument,
    "\n  mutation MoveReferral($input: MoveReferralInput!) { moveReferral(input: $input) { ...ReferralFields } }\n": typeof types.MoveReferralDocument,
    "\n  mutation RouteReferral($input: RouteReferralInput!) { routeReferral(input: $input) { ...ReferralFields } }\n": typeof types.RouteReferralDocument,
    "\n  query Colleagues { members(first: 100) { edges { node { id role status user { id displayName } } } } }\n": typeof types.ColleaguesDocument,
    "\n  fragment ReferralFields on Referral {\n    id status needs urgency regionCode ageBand noteForReceiver sharedCategories overrideReason reasonCode reasonText outcome outcomeNote\n    caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId receiverOrganisationName\n    receiverUserId receiverUserName requestedAt respondedAt endedAt escalatedAt createdAt version\n    person { id fullName }\n    timeline { id kind actorName actorOrganisationName fromStatus toStatus reasonCode reasonText occurredAt }\n  }\n": typeof types.ReferralFieldsFragmentDoc,
    "\n  query Referral($id: ID!) { referral(id: $id) { ...ReferralFields } }\n": typeof types.ReferralDocument,
    "\n  query ReferralSettings { referralSettings { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays } }\n": typeof types.ReferralSettingsDocument,
    "\n  mutation UpdateReferralSettings($input: ReferralSettingsInput!) {\n    updateReferralSettings(input: $input) { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays }\n  }\n": typeof types.UpdateReferralSettingsDocument,
    "\n  query Referrals($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder, $received: ReferralFilter, $sent: ReferralFilter, $withPerson: Boolean!) {\n    referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        node {\n          id status needs urgency regionCode ageBand serviceName senderOrganisationName receiverOrganisationName receiverUserName\n          outcome requestedAt createdAt escalatedAt answerBy\n          person @include(if: $withPerson) { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    received: referralsCount(filter: $received)\n    sent: referralsCount(filter: $sent)\n  }\n": typeof types.ReferralsDocument,
    "\n  query MatchServices($caseId: ID!, $first: Int!) {\n    matchServices(caseId: $caseId, first: $first) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n": typeof types.MatchServicesDocument,
    "\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }\n  }\n": typeof types.CreateReferralDocument,
    "\n  query ServicesForReferral($filter: ServiceFilter) {\n    services(first: 50, filter: $filter) {\n      edges { node { id name organisationId organisationName capacity { available unit } } }\n    }\n  }\n": typeof types.ServicesForReferralDocument,
    "\n  query ReferralConsents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt }\n  }\n": typeof types.ReferralConsentsDocument,
    "\n  query InvitationPreview($token: String!) { invitationPreview(token: $token) { status organisationName role } }\n": typeof types.InvitationPreviewDocument,
    "\n  fragment VolunteerClaimFields on TaskClaim {\n    id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n    checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n  }\n": typeof types.VolunteerClaimFieldsFragmentDoc,
    "\n  mutation ConfirmOffer($input: ClaimDecisionInput!) {\n    confirmClaim(input: $input) { ...VolunteerClaimFields }\n  }\n": typeof types.ConfirmOfferDocument,
    "\n  mutation ReleaseClaim($input: ClaimDecisionInput!) {\n    releaseClaim(input: $input) { ...VolunteerClaimFields }\n  }\n": typeof types.ReleaseClaimDocument,
    "\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) { ...VolunteerClaimFields }\n  }\n": typeof types.CheckInDocument,
    "\n  mutation CheckOut($input: CheckOutInput!) {\n    checkOut(input: $input) { ...VolunteerClaimFields }\n  }\n": typeof types.CheckOutDocument,
    "\n  query MyHours {\n    myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted }\n  }\n": typeof types.MyHoursDocument,
    "\n  query MyHoursStatement($language: ExportLanguage) {\n    myHoursStatement(language: $language) { filename csv confirmedMinutes }\n  }\n": typeof types.MyHoursStatementDocument,
    "\n  query MyCompletedClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges { node { id status minutes hoursConfirmedAt checkedInAt task { id title organisationName startsAt endsAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MyCompletedClaimsDocument,
    "\n  query MyClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges {\n        node {\n          id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n          checkInPlace { latitude longitude accuracyMeters }\n          task {\n            id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit status cancelledReason\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MyClaimsDocument,
    "\n  query MyVolunteerProfile {\n    myVolunteerProfile { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n": typeof types.MyVolunteerProfileDocument,
    "\n  mutation SaveMyVolunteerProfile($input: VolunteerProfileInput!) {\n    saveMyVolunteerProfile(input: $input) { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n": typeof types.SaveMyVolunteerProfileDocument,
    "\n  query TaskBoard($filter: TaskBoardFilter, $first: Int, $after: String) {\n    taskBoard(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit\n          coverAskedOfMe claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.TaskBoardDocument,
    "\n  query MyProfileExists {\n    myVolunteerProfile { userId }\n  }\n": typeof types.MyProfileExistsDocument,
    "\n  query TaskForVolunteer($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor\n      homeVisit status cancelledReason discloses coverAskedOfMe\n      claims { id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version checkInPlace { latitude longitude accuracyMeters } }\n      person { id fullName phone address }\n    }\n  }\n": typeof types.TaskForVolunteerDocument,
    "\n  mutation ClaimTask($input: ClaimTaskInput!) {\n    claimTask(input: $input) { id status waitlistPosition }\n  }\n": typeof types.ClaimTaskDocument,
    "\n  query SkillNames {\n    skillList { code nameZh nameEn }\n  }\n": typeof types.SkillNamesDocument,
    "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 15) {\n      edges { node { id eventId kind subjectType subjectId organisationId createdAt readAt params { key value } } }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n": typeof types.MarkNotificationsReadDocument,
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id email displayName memberships { id role status organisation { id name kind regionCode parent { id name } } } }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }": typeof types.LoginDocument,
    "mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ...SessionFields } }": typeof types.AcceptInvitationDocument,
    "mutation Refresh { refreshSession { ...SessionFields } }": typeof types.RefreshDocument,
    "mutation Logout { logout }": typeof types.LogoutDocument,
};
const documents: Documents = {
    "\n  query NeedCategories { needCategories { code nameZh nameEn } }\n": types.NeedCategoriesDocument,
    "\n  query SecurityAlerts {\n    securityAlerts(first: 20, unacknowledgedOnly: true) {\n      edges { node { id kind occurredAt actorName actorOrganisationName subjectType subjectId reason } }\n    }\n  }\n": types.SecurityAlertsDocument,
    "\n  mutation AcknowledgeSecurityAlert($id: ID!) { acknowledgeSecurityAlert(id: $id) { id acknowledgedAt } }\n": types.AcknowledgeSecurityAlertDocument,
    "\n  query WorkCounts($cases: Boolean!, $alerts: Boolean!) {\n    inbox: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] }) @include(if: $cases)\n    myCases: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $cases)\n    toDecide: organisationTasks(first: 100, awaitingDecision: true) @include(if: $cases) { edges { node { id } } }\n    alerts: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $alerts)\n  }\n": types.WorkCountsDocument,
    "\n  query AuditTrail($after: String, $subjectId: ID, $actorUserId: ID, $actorOrganisationId: ID, $actions: [String!], $category: String, $from: String, $to: String,\n                   $orderBy: AuditOrder) {\n    auditTrail(first: 50, after: $after, subjectId: $subjectId, actorUserId: $actorUserId, actorOrganisationId: $actorOrganisationId,\n               actions: $actions, category: $category, from: $from, to: $to, orderBy: $orderBy) {\n      edges { node { position occurredAt actorName actorOrganisationName action subjectType subjectId subjectCount holderOrganisationNames\n                     fields categories highlight rule purpose reason } }\n      pageInfo { hasNextPage endCursor }\n    }\n    auditChainStatus { intact events brokenAt problem }\n  }\n": types.AuditTrailDocument,
    "\n  query AuditActors { auditActors { userId displayName organisationId organisationName } }\n": types.AuditActorsDocument,
    "\n  query AssignableCaseworkers($caseId: ID!) { assignableCaseworkers(caseId: $caseId) { userId displayName organisationId organisationName } }\n": types.AssignableCaseworkersDocument,
    "\n  mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ...CaseFields } }\n": types.AssignCaseDocument,
    "\n  mutation UnassignCase($input: UnassignCaseInput!) { unassignCase(input: $input) { ...CaseFields } }\n": types.UnassignCaseDocument,
    "\n  mutation AddCaseNote($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }\n": types.AddCaseNoteDocument,
    "\n  fragment CaseFields on Case {\n    id caseNumber needs priority status summary outcome outcomeNote regionCode createdAt closedAt holdingOrganisationId version readyToClose\n    person { id fullName }\n    assignees { id userId displayName organisationId organisationName assignedAt endedAt }\n    timeline { id kind actorName assigneeName fromStatus toStatus outcome changed referralId referralStatus organisationName occurredAt }\n    noteEntries { id body visibility authorUserId authorName authorOrganisationName writtenAt correctsId correctedById migrated }\n    attachments { id category fileName contentType sizeBytes uploadedByName uploadedByOrganisationName uploadedAt }\n  }\n": types.CaseFieldsFragmentDoc,
    "\n  query Case($id: ID!) { case(id: $id) { ...CaseFields } }\n": types.CaseDocument,
    "\n  mutation UpdateCase($input: UpdateCaseInput!) { updateCase(input: $input) { ...CaseFields } }\n": types.UpdateCaseDocument,
    "\n  mutation SetCaseStatus($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { ...CaseFields } }\n": types.SetCaseStatusDocument,
    "\n  query CaseReferrals($filter: ReferralFilter) {\n    referrals(first: 50, filter: $filter) {\n      edges { node { id status urgency serviceName receiverOrganisationName outcome outcomeNote reasonCode reasonText requestedAt createdAt } }\n    }\n  }\n": types.CaseReferralsDocument,
    "\n  query Cases($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id caseNumber needs priority status createdAt person { id fullName } assignees { id displayName organisationName endedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    casesCount(filter: $filter)\n  }\n": types.CasesDocument,
    "\n  query Services($first: Int, $after: String, $filter: ServiceFilter, $orderBy: ServiceOrder) {\n    services(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id name organisationId organisationName categories serviceAreaCodes status updatedAt capacity { available maximum unit updatedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    servicesCount(filter: $filter)\n  }\n": types.ServicesDocument,
    "\n  mutation ImportHsds($json: String!, $dryRun: Boolean) {\n    importHsds(json: $json, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n": types.ImportHsdsDocument,
    "\n  mutation ImportHsdsCsv($files: [HsdsCsvFileInput!]!, $dryRun: Boolean) {\n    importHsdsCsv(files: $files, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n": types.ImportHsdsCsvDocument,
    "\n  query ExportHsds { exportHsds }\n": types.ExportHsdsDocument,
    "\n  query ExportHsdsCsv { exportHsdsCsv { name csv } }\n": types.ExportHsdsCsvDocument,
    "\n  query CasesToRefer($filter: CaseFilter) {\n    cases(first: 20, filter: $filter) {\n      edges { node { id caseNumber needs holdingOrganisationId person { id fullName } } }\n    }\n  }\n": types.CasesToReferDocument,
    "\n  mutation CreateService($input: CreateServiceInput!) { createService(input: $input) { ...ServiceFields } }\n": types.CreateServiceDocument,
    "\n  mutation UpdateService($input: UpdateServiceInput!) { updateService(input: $input) { ...ServiceFields } }\n": types.UpdateServiceDocument,
    "\n  fragment ServiceFields on Service {\n    id name alternateName description status categories eligibilityDescription minimumAge maximumAge eligibleRegionCodes\n    maxIncomePerPersonCents eligibleNeeds requiredDocuments serviceAreaCodes applicationProcess feesDescription url email phone\n    organisationId organisationName hsdsId updatedAt version\n    capacity { available maximum unit description updatedAt }\n    locations { id name address regionCode latitude longitude confidential }\n    schedules { id freq byday opensAt closesAt description }\n  }\n": types.ServiceFieldsFragmentDoc,
    "\n  query Service($id: ID!) { service(id: $id) { ...ServiceFields } }\n": types.ServiceDocument,
    "\n  mutation SetServiceCapacity($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { ...ServiceFields } }\n": types.SetServiceCapacityDocument,
    "\n  query Worklist($coordinator: Boolean!) {\n    inbox: referrals(first: 100, filter: { direction: RECEIVED, status: [REQUESTED] }) {\n      edges { node { id urgency status serviceName senderOrganisationName requestedAt escalatedAt } }\n    }\n    inboxCount: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] })\n    myCases: cases(first: 10, filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    myCasesCount: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] })\n    returned: referrals(first: 10, filter: { direction: SENT, cameBack: true }) {\n      edges { node { id status reasonCode serviceName receiverOrganisationName caseId respondedAt endedAt } }\n    }\n    escalated: referrals(first: 10, filter: { direction: SENT, escalated: true, status: [REQUESTED] }) @include(if: $coordinator) {\n      edges { node { id urgency serviceName receiverOrganisationName requestedAt escalatedAt } }\n    }\n    unassigned: cases(first: 10, filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    unassignedCount: casesCount(filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator)\n    alerts: insightAlerts(first: 5, filter: { status: [OPEN] }) @include(if: $coordinator) {\n      edges { node { id severity subjectType rule { id nameZh nameEn } person { id fullName } } }\n    }\n    alertsCount: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $coordinator)\n    heldCases: casesCount @include(if: $coordinator)\n    heldPeople: peopleCount @include(if: $coordinator)\n    tasksToday: organisationTasks(first: 20, today: true, status: [OPEN]) {\n      edges { node { id title startsAt endsAt placesTaken slots needsCover } }\n    }\n    toDecide: organisationTasks(first: 20, awaitingDecision: true) {\n      edges { node { id title startsAt claims { id status } } }\n    }\n  }\n": types.WorklistDocument,
    "\n  query InsightAlert($id: ID!) {\n    insightAlert(id: $id) {\n      id ruleCode subjectType severity score status regionCode householdId caseId raisedAt lastSeenAt clearedAt decidedAt reasonCode reasonText version\n      householdSize incomePerPersonCents lineCents age livesAlone healthConditionRecorded daysInactive casePriority limitDays\n      signalCount signalTotalCents burdenPercent lastSignalOn months declinedInARow expiredUnanswered carerAwayNeed\n      rule { id code version regionCode nameZh nameEn descriptionZh descriptionEn }\n      person { id fullName }\n    }\n  }\n": types.InsightAlertDocument,
    "\n  mutation AcknowledgeInsightAlert($input: AcknowledgeInsightAlertInput!) {\n    acknowledgeInsightAlert(input: $input) { id status decidedAt reasonText version }\n  }\n": types.AcknowledgeInsightAlertDocument,
    "\n  mutation DismissInsightAlert($input: DismissInsightAlertInput!) {\n    dismissInsightAlert(input: $input) { id status decidedAt reasonCode reasonText version }\n  }\n": types.DismissInsightAlertDocument,
    "\n  query InsightAlerts($first: Int, $after: String, $filter: InsightAlertFilter) {\n    insightAlerts(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id ruleCode subjectType severity score status regionCode raisedAt clearedAt\n          rule { id nameZh nameEn }\n          person { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    insightAlertsCount(filter: $filter)\n    insightRules { id code nameZh nameEn regionCode }\n  }\n": types.InsightAlertsDocument,
    "\n  query RegionDashboard($regionCode: String) {\n    regionDashboard(regionCode: $regionCode) {\n      regionCode minimumCell people households openCases generatedAt\n      byRegion { regionCode people openCases }\n      openCasesByAge { key count }\n      needs { key count }\n      referralsByReceiver { organisationId organisationName received accepted declined expired acceptanceRate medianResponseHours }\n      alertsByRule { ruleCode raised confirmed dismissed }\n      services { serviceId serviceName organisationName status capacityTracked placesTotal placesAvailable capacityUnit use referralsReceived referralsAccepted }\n      volunteerHours { since hours volunteers byMonth { key hours volunteers } bySkill { key nameZh nameEn hours volunteers } }\n    }\n    insightRules { id code nameZh nameEn }\n  }\n": types.RegionDashboardDocument,
    "\n  mutation OneStopIntake($input: OneStopIntakeInput!) {\n    oneStopIntake(input: $input) {\n      intakeId replayed warnings\n      person { id fullName }\n      members { id fullName }\n      consents { id recipientOrganisationId categories }\n      case { id }\n      referrals { id status receiverOrganisationName }\n      alert { id status }\n    }\n  }\n": types.OneStopIntakeDocument,
    "\n  query IntakeMatches($input: IntakeMatchInput!) {\n    matchServicesForIntake(input: $input, first: 20) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n": types.IntakeMatchesDocument,
    "\n  query IntakePerson($id: ID!) { person(id: $id) { id fullName gender birthYear regionCode household { id } } }\n": types.IntakePersonDocument,
    "\n  query IntakeConsents($personId: ID!) { consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt } }\n": types.IntakeConsentsDocument,
    "\n  query IntakeAlert($id: ID!) { insightAlert(id: $id) { id ruleCode status rule { id nameZh nameEn } person { id } } }\n": types.IntakeAlertDocument,
    "\n  query InsightRules {\n    insightRules {\n      id code version regionCode kind severity params nameZh nameEn descriptionZh descriptionEn active\n      stats { raised open confirmed dismissed precision }\n    }\n  }\n": types.InsightRulesDocument,
    "\n  query InsightRuleRegions { insightRuleRegions }\n": types.InsightRuleRegionsDocument,
    "\n  mutation SaveInsightRuleVersion($input: SaveInsightRuleVersionInput!) {\n    saveInsightRuleVersion(input: $input) { id code version regionCode severity params active }\n  }\n": types.SaveInsightRuleVersionDocument,
    "\n  fragment SignalImportFields on SignalImport {\n    id kind fileName status rowsExpected rowsDone invalid matched repeated unmatched countsSuppressed startedAt finishedAt issues { line problem }\n  }\n": types.SignalImportFieldsFragmentDoc,
    "\n  query SignalImports { signalImports(first: 20) { edges { node { ...SignalImportFields } } } }\n": types.SignalImportsDocument,
    "\n  mutation StartSignalImport($input: StartSignalImportInput!) { startSignalImport(input: $input) { alreadyImported import { ...SignalImportFields } } }\n": types.StartSignalImportDocument,
    "\n  mutation AddSignalRows($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows rowsDone issues { line problem } } }\n": types.AddSignalRowsDocument,
    "\n  mutation FinishSignalImport($id: ID!) { finishSignalImport(id: $id) { ...SignalImportFields } }\n": types.FinishSignalImportDocument,
    "\n  query Members($first: Int, $after: String, $orderBy: MemberOrder, $search: String) {\n    members(first: $first, after: $after, orderBy: $orderBy, search: $search) {\n      edges { cursor node { id role status createdAt user { id displayName email } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MembersDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { token invitation { id email role expiresAt } }\n  }\n": types.InviteMemberDocument,
    "\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) { id role }\n  }\n": types.ChangeMemberRoleDocument,
    "\n  mutation DeactivateMember($id: ID!) {\n    deactivateMember(membershipId: $id) { id status deactivatedAt }\n  }\n": types.DeactivateMemberDocument,
    "\n  query GrantableRoles { grantableRoles }\n": types.GrantableRolesDocument,
    "\n  query PendingInvitations {\n    invitations(first: 50) { edges { node { id email role status createdAt expiresAt } } }\n  }\n": types.PendingInvitationsDocument,
    "mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }": types.RevokeInvitationDocument,
    "mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { token invitation { id status expiresAt } } }": types.ResendInvitationDocument,
    "mutation ApproveInvitation($id: ID!) { approveInvitation(id: $id) { id status } }": types.ApproveInvitationDocument,
    "\n  query AllianceTasks($first: Int, $after: String) {\n    allianceTasks(first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName startsAt endsAt regionCode skills slots placesTaken waitlistLength needsApproval involvesMinor homeVisit discloses\n          pendingHandover { id status toOrganisationName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AllianceTasksDocument,
    "\n  mutation RequestTaskHandover($input: RequestHandoverInput!) {\n    requestTaskHandover(input: $input) { id status answerBy }\n  }\n": types.RequestTaskHandoverDocument,
    "\n  query CoverCandidates($taskId: ID!) {\n    coverCandidates(taskId: $taskId) { askedCount othersCount known { userId displayName skills } }\n  }\n": types.CoverCandidatesDocument,
    "\n  mutation AskForCover($input: AskForCoverInput!) {\n    askForCover(input: $input) { askedCount othersCount known { userId displayName skills } }\n  }\n": types.AskForCoverDocument,
    "\n  query TaskHandovers($direction: HandoverDirection!, $status: [HandoverStatus!], $first: Int, $after: String) {\n    taskHandovers(direction: $direction, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id taskId status reason answerReason answerBy answeredAt automatic createdAt fromOrganisationId fromOrganisationName toOrganisationName\n          task { id title startsAt endsAt regionCode status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.TaskHandoversDocument,
    "\n  mutation AnswerTaskHandover($input: AnswerHandoverInput!) {\n    answerTaskHandover(input: $input) { id status answerReason answeredAt automatic }\n  }\n": types.AnswerTaskHandoverDocument,
    "\n  mutation WithdrawTaskHandover($id: ID!) { withdrawTaskHandover(id: $id) { id status answeredAt } }\n": types.WithdrawTaskHandoverDocument,
    "\n  query OrgTask($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval\n      involvesMinor homeVisit status cancelledReason discloses needsCover version createdAt\n      person { id fullName }\n      caseId referralId\n      claims {\n        id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason report createdAt version volunteerId\n        checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n        volunteer { userId displayName phone skills identityCheckedAt backgroundCheckValidUntil }\n      }\n      pendingHandover { id status reason answerBy createdAt fromOrganisationId fromOrganisationName toOrganisationName }\n      timelineEvents { id kind actorName claimId reason fields occurredAt }\n    }\n  }\n": types.OrgTaskDocument,
    "\n  mutation CancelTask($input: CancelTaskInput!) { cancelTask(input: $input) { id status cancelledReason version } }\n": types.CancelTaskDocument,
    "\n  query OrganisationTasks($first: Int, $after: String, $status: [TaskStatus!]) {\n    organisationTasks(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          id title startsAt endsAt regionCode slots placesTaken waitlistLength needsApproval involvesMinor homeVisit needsCover status\n          pendingHandover { id status }\n          claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.OrganisationTasksDocument,
    "\n  mutation ApproveClaim($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status version } }\n": types.ApproveClaimDocument,
    "\n  mutation DeclineClaim($input: ClaimDecisionInput!) { declineClaim(input: $input) { id status reason version } }\n": types.DeclineClaimDocument,
    "\n  mutation ConfirmHours($input: ConfirmHoursInput!) { confirmHours(input: $input) { id status minutes hoursConfirmedAt version } }\n": types.ConfirmHoursDocument,
    "\n  mutation MarkNoShow($input: ClaimDecisionInput!) { markNoShow(input: $input) { id status reason version } }\n": types.MarkNoShowDocument,
    "\n  query TaskForEdit($id: ID!) {\n    task(id: $id) {\n      id organisationId title description skills regionCode startsAt endsAt slots placesTaken needsApproval involvesMinor homeVisit status discloses version\n    }\n  }\n": types.TaskForEditDocument,
    "\n  mutation PostTask($input: PostTaskInput!) { postTask(input: $input) { id } }\n": types.PostTaskDocument,
    "\n  mutation EditTask($input: EditTaskInput!) {\n    editTask(input: $input) {\n      id title description skills regionCode startsAt endsAt slots placesTaken waitlistLength needsApproval involvesMinor homeVisit status version\n    }\n  }\n": types.EditTaskDocument,
    "\n  query GroupVolunteers($first: Int, $after: String) {\n    groupVolunteers(first: $first, after: $after) {\n      edges { node { userId displayName phone idNumber skills areaCodes identityCheckedAt backgroundCheckValidUntil } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.GroupVolunteersDocument,
    "\n  mutation VerifyVolunteer($input: VerifyVolunteerInput!) {\n    verifyVolunteer(input: $input) { userId identityCheckedAt backgroundCheckValidUntil }\n  }\n": types.VerifyVolunteerDocument,
    "\n  query DuplicateCandidates($input: DuplicateCheckInput!) {\n    duplicateCandidates(input: $input) {\n      idNumberTaken\n      candidates { score reasons person { id fullName gender birthYear regionCode createdAt holdingOrganisationId } }\n    }\n  }\n": types.DuplicateCandidatesDocument,
    "\n  mutation ExportPeople($search: PeopleSearch, $orderBy: PeopleOrder, $language: ExportLanguage, $purpose: String!, $includeIdentity: Boolean, $identityReason: String) {\n    exportPeople(search: $search, orderBy: $orderBy, language: $language, purpose: $purpose, includeIdentity: $includeIdentity, identityReason: $identityReason) {\n      filename csv rows\n    }\n  }\n": types.ExportPeopleDocument,
    "\n  fragment HouseholdOption on Household {\n    id regionCode address holdingOrganisationId\n    members { id fullName relationToHead }\n  }\n": types.HouseholdOptionFragmentDoc,
    "\n  query JoiningHousehold($id: ID!) { household(id: $id) { ...HouseholdOption } }\n": types.JoiningHouseholdDocument,
    "\n  query HouseholdFinder($name: String!) {\n    people(first: 10, search: { name: $name }) { edges { node { id household { ...HouseholdOption } } } }\n  }\n": types.HouseholdFinderDocument,
    "\n  mutation MergePeople($input: MergePeopleInput!) { mergePeople(input: $input) { id mergedRecordIds } }\n": types.MergePeopleDocument,
    "\n  query People($first: Int, $after: String, $search: PeopleSearch, $orderBy: PeopleOrder, $orderDirection: SortDirection) {\n    people(first: $first, after: $after, search: $search, orderBy: $orderBy, orderDirection: $orderDirection) {\n      edges { node { id fullName gender birthYear phone regionCode } }\n      pageInfo { hasNextPage endCursor }\n    }\n    peopleCount(search: $search)\n  }\n": types.PeopleDocument,
    "\n  query PersonCases($filter: CaseFilter) {\n    cases(first: 50, filter: $filter) {\n      edges { node { id needs priority status createdAt assignees { id displayName organisationName endedAt } } }\n    }\n  }\n": types.PersonCasesDocument,
    "\n  mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { id } }\n": types.OpenCaseDocument,
    "\n  query Person($id: ID!) {\n    person(id: $id) {\n      id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode\n      disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId\n      relationToHead mergedRecordIds\n      household {\n        id regionCode address monthlyIncomeCents holdingOrganisationId\n        members { id fullName relationToHead }\n      }\n    }\n  }\n": types.PersonDocument,
    "\n  query Consents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil givenBy evidence withdrawnAt }\n    organisations(first: 100) { edges { node { id name } } }\n  }\n": types.ConsentsDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }\n": types.RecordConsentDocument,
    "\n  mutation BreakGlass($input: BreakGlassInput!) { breakGlass(input: $input) { id } }\n": types.BreakGlassDocument,
    "\n  mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }\n": types.WithdrawConsentDocument,
    "\n  mutation RegisterPerson($input: RegisterPersonInput!) { registerPerson(input: $input) { id fullName } }\n": types.RegisterPersonDocument,
    "\n  mutation MoveReferral($input: MoveReferralInput!) { moveReferral(input: $input) { ...ReferralFields } }\n": types.MoveReferralDocument,
    "\n  mutation RouteReferral($input: RouteReferralInput!) { routeReferral(input: $input) { ...ReferralFields } }\n": types.RouteReferralDocument,
    "\n  query Colleagues { members(first: 100) { edges { node { id role status user { id displayName } } } } }\n": types.ColleaguesDocument,
    "\n  fragment ReferralFields on Referral {\n    id status needs urgency regionCode ageBand noteForReceiver sharedCategories overrideReason reasonCode reasonText outcome outcomeNote\n    caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId receiverOrganisationName\n    receiverUserId receiverUserName requestedAt respondedAt endedAt escalatedAt createdAt version\n    person { id fullName }\n    timeline { id kind actorName actorOrganisationName fromStatus toStatus reasonCode reasonText occurredAt }\n  }\n": types.ReferralFieldsFragmentDoc,
    "\n  query Referral($id: ID!) { referral(id: $id) { ...ReferralFields } }\n": types.ReferralDocument,
    "\n  query ReferralSettings { referralSettings { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays } }\n": types.ReferralSettingsDocument,
    "\n  mutation UpdateReferralSettings($input: ReferralSettingsInput!) {\n    updateReferralSettings(input: $input) { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays }\n  }\n": types.UpdateReferralSettingsDocument,
    "\n  query Referrals($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder, $received: ReferralFilter, $sent: ReferralFilter, $withPerson: Boolean!) {\n    referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        node {\n          id status needs urgency regionCode ageBand serviceName senderOrganisationName receiverOrganisationName receiverUserName\n          outcome requestedAt createdAt escalatedAt answerBy\n          person @include(if: $withPerson) { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    received: referralsCount(filter: $received)\n    sent: referralsCount(filter: $sent)\n  }\n": types.ReferralsDocument,
    "\n  query MatchServices($caseId: ID!, $first: Int!) {\n    matchServices(caseId: $caseId, first: $first) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n": types.MatchServicesDocument,
    "\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }\n  }\n": types.CreateReferralDocument,
    "\n  query ServicesForReferral($filter: ServiceFilter) {\n    services(first: 50, filter: $filter) {\n      edges { node { id name organisationId organisationName capacity { available unit } } }\n    }\n  }\n": types.ServicesForReferralDocument,
    "\n  query ReferralConsents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt }\n  }\n": types.ReferralConsentsDocument,
    "\n  query InvitationPreview($token: String!) { invitationPreview(token: $token) { status organisationName role } }\n": types.InvitationPreviewDocument,
    "\n  fragment VolunteerClaimFields on TaskClaim {\n    id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n    checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n  }\n": types.VolunteerClaimFieldsFragmentDoc,
    "\n  mutation ConfirmOffer($input: ClaimDecisionInput!) {\n    confirmClaim(input: $input) { ...VolunteerClaimFields }\n  }\n": types.ConfirmOfferDocument,
    "\n  mutation ReleaseClaim($input: ClaimDecisionInput!) {\n    releaseClaim(input: $input) { ...VolunteerClaimFields }\n  }\n": types.ReleaseClaimDocument,
    "\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) { ...VolunteerClaimFields }\n  }\n": types.CheckInDocument,
    "\n  mutation CheckOut($input: CheckOutInput!) {\n    checkOut(input: $input) { ...VolunteerClaimFields }\n  }\n": types.CheckOutDocument,
    "\n  query MyHours {\n    myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted }\n  }\n": types.MyHoursDocument,
    "\n  query MyHoursStatement($language: ExportLanguage) {\n    myHoursStatement(language: $language) { filename csv confirmedMinutes }\n  }\n": types.MyHoursStatementDocument,
    "\n  query MyCompletedClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges { node { id status minutes hoursConfirmedAt checkedInAt task { id title organisationName startsAt endsAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MyCompletedClaimsDocument,
    "\n  query MyClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges {\n        node {\n          id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n          checkInPlace { latitude longitude accuracyMeters }\n          task {\n            id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit status cancelledReason\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MyClaimsDocument,
    "\n  query MyVolunteerProfile {\n    myVolunteerProfile { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n": types.MyVolunteerProfileDocument,
    "\n  mutation SaveMyVolunteerProfile($input: VolunteerProfileInput!) {\n    saveMyVolunteerProfile(input: $input) { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n": types.SaveMyVolunteerProfileDocument,
    "\n  query TaskBoard($filter: TaskBoardFilter, $first: Int, $after: String) {\n    taskBoard(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit\n          coverAskedOfMe claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.TaskBoardDocument,
    "\n  query MyProfileExists {\n    myVolunteerProfile { userId }\n  }\n": types.MyProfileExistsDocument,
    "\n  query TaskForVolunteer($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor\n      homeVisit status cancelledReason discloses coverAskedOfMe\n      claims { id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version checkInPlace { latitude longitude accuracyMeters } }\n      person { id fullName phone address }\n    }\n  }\n": types.TaskForVolunteerDocument,
    "\n  mutation ClaimTask($input: ClaimTaskInput!) {\n    claimTask(input: $input) { id status waitlistPosition }\n  }\n": types.ClaimTaskDocument,
    "\n  query SkillNames {\n    skillList { code nameZh nameEn }\n  }\n": types.SkillNamesDocument,
    "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 15) {\n      edges { node { id eventId kind subjectType subjectId organisationId createdAt readAt params { key value } } }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n": types.MarkNotificationsReadDocument,
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id email displayName memberships { id role status organisation { id name kind regionCode parent { id name } } } }\n  }\n": types.SessionFieldsFragmentDoc,
    "mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }": types.LoginDocument,
    "mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ...SessionFields } }": types.AcceptInvitationDocument,
    "mutation Refresh { refreshSession { ...SessionFields } }": types.RefreshDocument,
    "mutation Logout { logout }": types.LogoutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NeedCategories { needCategories { code nameZh nameEn } }\n"): (typeof documents)["\n  query NeedCategories { needCategories { code nameZh nameEn } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityAlerts {\n    securityAlerts(first: 20, unacknowledgedOnly: true) {\n      edges { node { id kind occurredAt actorName actorOrganisationName subjectType subjectId reason } }\n    }\n  }\n"): (typeof documents)["\n  query SecurityAlerts {\n    securityAlerts(first: 20, unacknowledgedOnly: true) {\n      edges { node { id kind occurredAt actorName actorOrganisationName subjectType subjectId reason } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeSecurityAlert($id: ID!) { acknowledgeSecurityAlert(id: $id) { id acknowledgedAt } }\n"): (typeof documents)["\n  mutation AcknowledgeSecurityAlert($id: ID!) { acknowledgeSecurityAlert(id: $id) { id acknowledgedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkCounts($cases: Boolean!, $alerts: Boolean!) {\n    inbox: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] }) @include(if: $cases)\n    myCases: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $cases)\n    toDecide: organisationTasks(first: 100, awaitingDecision: true) @include(if: $cases) { edges { node { id } } }\n    alerts: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $alerts)\n  }\n"): (typeof documents)["\n  query WorkCounts($cases: Boolean!, $alerts: Boolean!) {\n    inbox: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] }) @include(if: $cases)\n    myCases: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $cases)\n    toDecide: organisationTasks(first: 100, awaitingDecision: true) @include(if: $cases) { edges { node { id } } }\n    alerts: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $alerts)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($after: String, $subjectId: ID, $actorUserId: ID, $actorOrganisationId: ID, $actions: [String!], $category: String, $from: String, $to: String,\n                   $orderBy: AuditOrder) {\n    auditTrail(first: 50, after: $after, subjectId: $subjectId, actorUserId: $actorUserId, actorOrganisationId: $actorOrganisationId,\n               actions: $actions, category: $category, from: $from, to: $to, orderBy: $orderBy) {\n      edges { node { position occurredAt actorName actorOrganisationName action subjectType subjectId subjectCount holderOrganisationNames\n                     fields categories highlight rule purpose reason } }\n      pageInfo { hasNextPage endCursor }\n    }\n    auditChainStatus { intact events brokenAt problem }\n  }\n"): (typeof documents)["\n  query AuditTrail($after: String, $subjectId: ID, $actorUserId: ID, $actorOrganisationId: ID, $actions: [String!], $category: String, $from: String, $to: String,\n                   $orderBy: AuditOrder) {\n    auditTrail(first: 50, after: $after, subjectId: $subjectId, actorUserId: $actorUserId, actorOrganisationId: $actorOrganisationId,\n               actions: $actions, category: $category, from: $from, to: $to, orderBy: $orderBy) {\n      edges { node { position occurredAt actorName actorOrganisationName action subjectType subjectId subjectCount holderOrganisationNames\n                     fields categories highlight rule purpose reason } }\n      pageInfo { hasNextPage endCursor }\n    }\n    auditChainStatus { intact events brokenAt problem }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActors { auditActors { userId displayName organisationId organisationName } }\n"): (typeof documents)["\n  query AuditActors { auditActors { userId displayName organisationId organisationName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignableCaseworkers($caseId: ID!) { assignableCaseworkers(caseId: $caseId) { userId displayName organisationId organisationName } }\n"): (typeof documents)["\n  query AssignableCaseworkers($caseId: ID!) { assignableCaseworkers(caseId: $caseId) { userId displayName organisationId organisationName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ...CaseFields } }\n"): (typeof documents)["\n  mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ...CaseFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnassignCase($input: UnassignCaseInput!) { unassignCase(input: $input) { ...CaseFields } }\n"): (typeof documents)["\n  mutation UnassignCase($input: UnassignCaseInput!) { unassignCase(input: $input) { ...CaseFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCaseNote($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }\n"): (typeof documents)["\n  mutation AddCaseNote($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseFields on Case {\n    id caseNumber needs priority status summary outcome outcomeNote regionCode createdAt closedAt holdingOrganisationId version readyToClose\n    person { id fullName }\n    assignees { id userId displayName organisationId organisationName assignedAt endedAt }\n    timeline { id kind actorName assigneeName fromStatus toStatus outcome changed referralId referralStatus organisationName occurredAt }\n    noteEntries { id body visibility authorUserId authorName authorOrganisationName writtenAt correctsId correctedById migrated }\n    attachments { id category fileName contentType sizeBytes uploadedByName uploadedByOrganisationName uploadedAt }\n  }\n"): (typeof documents)["\n  fragment CaseFields on Case {\n    id caseNumber needs priority status summary outcome outcomeNote regionCode createdAt closedAt holdingOrganisationId version readyToClose\n    person { id fullName }\n    assignees { id userId displayName organisationId organisationName assignedAt endedAt }\n    timeline { id kind actorName assigneeName fromStatus toStatus outcome changed referralId referralStatus organisationName occurredAt }\n    noteEntries { id body visibility authorUserId authorName authorOrganisationName writtenAt correctsId correctedById migrated }\n    attachments { id category fileName contentType sizeBytes uploadedByName uploadedByOrganisationName uploadedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Case($id: ID!) { case(id: $id) { ...CaseFields } }\n"): (typeof documents)["\n  query Case($id: ID!) { case(id: $id) { ...CaseFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCase($input: UpdateCaseInput!) { updateCase(input: $input) { ...CaseFields } }\n"): (typeof documents)["\n  mutation UpdateCase($input: UpdateCaseInput!) { updateCase(input: $input) { ...CaseFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCaseStatus($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { ...CaseFields } }\n"): (typeof documents)["\n  mutation SetCaseStatus($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { ...CaseFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseReferrals($filter: ReferralFilter) {\n    referrals(first: 50, filter: $filter) {\n      edges { node { id status urgency serviceName receiverOrganisationName outcome outcomeNote reasonCode reasonText requestedAt createdAt } }\n    }\n  }\n"): (typeof documents)["\n  query CaseReferrals($filter: ReferralFilter) {\n    referrals(first: 50, filter: $filter) {\n      edges { node { id status urgency serviceName receiverOrganisationName outcome outcomeNote reasonCode reasonText requestedAt createdAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cases($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id caseNumber needs priority status createdAt person { id fullName } assignees { id displayName organisationName endedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    casesCount(filter: $filter)\n  }\n"): (typeof documents)["\n  query Cases($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {\n    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id caseNumber needs priority status createdAt person { id fullName } assignees { id displayName organisationName endedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    casesCount(filter: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Services($first: Int, $after: String, $filter: ServiceFilter, $orderBy: ServiceOrder) {\n    services(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id name organisationId organisationName categories serviceAreaCodes status updatedAt capacity { available maximum unit updatedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    servicesCount(filter: $filter)\n  }\n"): (typeof documents)["\n  query Services($first: Int, $after: String, $filter: ServiceFilter, $orderBy: ServiceOrder) {\n    services(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges { node { id name organisationId organisationName categories serviceAreaCodes status updatedAt capacity { available maximum unit updatedAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n    servicesCount(filter: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportHsds($json: String!, $dryRun: Boolean) {\n    importHsds(json: $json, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportHsds($json: String!, $dryRun: Boolean) {\n    importHsds(json: $json, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportHsdsCsv($files: [HsdsCsvFileInput!]!, $dryRun: Boolean) {\n    importHsdsCsv(files: $files, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportHsdsCsv($files: [HsdsCsvFileInput!]!, $dryRun: Boolean) {\n    importHsdsCsv(files: $files, dryRun: $dryRun) {\n      total created updated unchanged failed ignoredTables rows { index hsdsId outcome errors { path code message } warnings { path code message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportHsds { exportHsds }\n"): (typeof documents)["\n  query ExportHsds { exportHsds }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportHsdsCsv { exportHsdsCsv { name csv } }\n"): (typeof documents)["\n  query ExportHsdsCsv { exportHsdsCsv { name csv } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CasesToRefer($filter: CaseFilter) {\n    cases(first: 20, filter: $filter) {\n      edges { node { id caseNumber needs holdingOrganisationId person { id fullName } } }\n    }\n  }\n"): (typeof documents)["\n  query CasesToRefer($filter: CaseFilter) {\n    cases(first: 20, filter: $filter) {\n      edges { node { id caseNumber needs holdingOrganisationId person { id fullName } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateService($input: CreateServiceInput!) { createService(input: $input) { ...ServiceFields } }\n"): (typeof documents)["\n  mutation CreateService($input: CreateServiceInput!) { createService(input: $input) { ...ServiceFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateService($input: UpdateServiceInput!) { updateService(input: $input) { ...ServiceFields } }\n"): (typeof documents)["\n  mutation UpdateService($input: UpdateServiceInput!) { updateService(input: $input) { ...ServiceFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServiceFields on Service {\n    id name alternateName description status categories eligibilityDescription minimumAge maximumAge eligibleRegionCodes\n    maxIncomePerPersonCents eligibleNeeds requiredDocuments serviceAreaCodes applicationProcess feesDescription url email phone\n    organisationId organisationName hsdsId updatedAt version\n    capacity { available maximum unit description updatedAt }\n    locations { id name address regionCode latitude longitude confidential }\n    schedules { id freq byday opensAt closesAt description }\n  }\n"): (typeof documents)["\n  fragment ServiceFields on Service {\n    id name alternateName description status categories eligibilityDescription minimumAge maximumAge eligibleRegionCodes\n    maxIncomePerPersonCents eligibleNeeds requiredDocuments serviceAreaCodes applicationProcess feesDescription url email phone\n    organisationId organisationName hsdsId updatedAt version\n    capacity { available maximum unit description updatedAt }\n    locations { id name address regionCode latitude longitude confidential }\n    schedules { id freq byday opensAt closesAt description }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Service($id: ID!) { service(id: $id) { ...ServiceFields } }\n"): (typeof documents)["\n  query Service($id: ID!) { service(id: $id) { ...ServiceFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetServiceCapacity($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { ...ServiceFields } }\n"): (typeof documents)["\n  mutation SetServiceCapacity($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { ...ServiceFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Worklist($coordinator: Boolean!) {\n    inbox: referrals(first: 100, filter: { direction: RECEIVED, status: [REQUESTED] }) {\n      edges { node { id urgency status serviceName senderOrganisationName requestedAt escalatedAt } }\n    }\n    inboxCount: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] })\n    myCases: cases(first: 10, filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    myCasesCount: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] })\n    returned: referrals(first: 10, filter: { direction: SENT, cameBack: true }) {\n      edges { node { id status reasonCode serviceName receiverOrganisationName caseId respondedAt endedAt } }\n    }\n    escalated: referrals(first: 10, filter: { direction: SENT, escalated: true, status: [REQUESTED] }) @include(if: $coordinator) {\n      edges { node { id urgency serviceName receiverOrganisationName requestedAt escalatedAt } }\n    }\n    unassigned: cases(first: 10, filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    unassignedCount: casesCount(filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator)\n    alerts: insightAlerts(first: 5, filter: { status: [OPEN] }) @include(if: $coordinator) {\n      edges { node { id severity subjectType rule { id nameZh nameEn } person { id fullName } } }\n    }\n    alertsCount: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $coordinator)\n    heldCases: casesCount @include(if: $coordinator)\n    heldPeople: peopleCount @include(if: $coordinator)\n    tasksToday: organisationTasks(first: 20, today: true, status: [OPEN]) {\n      edges { node { id title startsAt endsAt placesTaken slots needsCover } }\n    }\n    toDecide: organisationTasks(first: 20, awaitingDecision: true) {\n      edges { node { id title startsAt claims { id status } } }\n    }\n  }\n"): (typeof documents)["\n  query Worklist($coordinator: Boolean!) {\n    inbox: referrals(first: 100, filter: { direction: RECEIVED, status: [REQUESTED] }) {\n      edges { node { id urgency status serviceName senderOrganisationName requestedAt escalatedAt } }\n    }\n    inboxCount: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] })\n    myCases: cases(first: 10, filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    myCasesCount: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] })\n    returned: referrals(first: 10, filter: { direction: SENT, cameBack: true }) {\n      edges { node { id status reasonCode serviceName receiverOrganisationName caseId respondedAt endedAt } }\n    }\n    escalated: referrals(first: 10, filter: { direction: SENT, escalated: true, status: [REQUESTED] }) @include(if: $coordinator) {\n      edges { node { id urgency serviceName receiverOrganisationName requestedAt escalatedAt } }\n    }\n    unassigned: cases(first: 10, filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator) {\n      edges { node { id status priority needs person { id fullName } } }\n    }\n    unassignedCount: casesCount(filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator)\n    alerts: insightAlerts(first: 5, filter: { status: [OPEN] }) @include(if: $coordinator) {\n      edges { node { id severity subjectType rule { id nameZh nameEn } person { id fullName } } }\n    }\n    alertsCount: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $coordinator)\n    heldCases: casesCount @include(if: $coordinator)\n    heldPeople: peopleCount @include(if: $coordinator)\n    tasksToday: organisationTasks(first: 20, today: true, status: [OPEN]) {\n      edges { node { id title startsAt endsAt placesTaken slots needsCover } }\n    }\n    toDecide: organisationTasks(first: 20, awaitingDecision: true) {\n      edges { node { id title startsAt claims { id status } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightAlert($id: ID!) {\n    insightAlert(id: $id) {\n      id ruleCode subjectType severity score status regionCode householdId caseId raisedAt lastSeenAt clearedAt decidedAt reasonCode reasonText version\n      householdSize incomePerPersonCents lineCents age livesAlone healthConditionRecorded daysInactive casePriority limitDays\n      signalCount signalTotalCents burdenPercent lastSignalOn months declinedInARow expiredUnanswered carerAwayNeed\n      rule { id code version regionCode nameZh nameEn descriptionZh descriptionEn }\n      person { id fullName }\n    }\n  }\n"): (typeof documents)["\n  query InsightAlert($id: ID!) {\n    insightAlert(id: $id) {\n      id ruleCode subjectType severity score status regionCode householdId caseId raisedAt lastSeenAt clearedAt decidedAt reasonCode reasonText version\n      householdSize incomePerPersonCents lineCents age livesAlone healthConditionRecorded daysInactive casePriority limitDays\n      signalCount signalTotalCents burdenPercent lastSignalOn months declinedInARow expiredUnanswered carerAwayNeed\n      rule { id code version regionCode nameZh nameEn descriptionZh descriptionEn }\n      person { id fullName }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeInsightAlert($input: AcknowledgeInsightAlertInput!) {\n    acknowledgeInsightAlert(input: $input) { id status decidedAt reasonText version }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeInsightAlert($input: AcknowledgeInsightAlertInput!) {\n    acknowledgeInsightAlert(input: $input) { id status decidedAt reasonText version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissInsightAlert($input: DismissInsightAlertInput!) {\n    dismissInsightAlert(input: $input) { id status decidedAt reasonCode reasonText version }\n  }\n"): (typeof documents)["\n  mutation DismissInsightAlert($input: DismissInsightAlertInput!) {\n    dismissInsightAlert(input: $input) { id status decidedAt reasonCode reasonText version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightAlerts($first: Int, $after: String, $filter: InsightAlertFilter) {\n    insightAlerts(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id ruleCode subjectType severity score status regionCode raisedAt clearedAt\n          rule { id nameZh nameEn }\n          person { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    insightAlertsCount(filter: $filter)\n    insightRules { id code nameZh nameEn regionCode }\n  }\n"): (typeof documents)["\n  query InsightAlerts($first: Int, $after: String, $filter: InsightAlertFilter) {\n    insightAlerts(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id ruleCode subjectType severity score status regionCode raisedAt clearedAt\n          rule { id nameZh nameEn }\n          person { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    insightAlertsCount(filter: $filter)\n    insightRules { id code nameZh nameEn regionCode }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionDashboard($regionCode: String) {\n    regionDashboard(regionCode: $regionCode) {\n      regionCode minimumCell people households openCases generatedAt\n      byRegion { regionCode people openCases }\n      openCasesByAge { key count }\n      needs { key count }\n      referralsByReceiver { organisationId organisationName received accepted declined expired acceptanceRate medianResponseHours }\n      alertsByRule { ruleCode raised confirmed dismissed }\n      services { serviceId serviceName organisationName status capacityTracked placesTotal placesAvailable capacityUnit use referralsReceived referralsAccepted }\n      volunteerHours { since hours volunteers byMonth { key hours volunteers } bySkill { key nameZh nameEn hours volunteers } }\n    }\n    insightRules { id code nameZh nameEn }\n  }\n"): (typeof documents)["\n  query RegionDashboard($regionCode: String) {\n    regionDashboard(regionCode: $regionCode) {\n      regionCode minimumCell people households openCases generatedAt\n      byRegion { regionCode people openCases }\n      openCasesByAge { key count }\n      needs { key count }\n      referralsByReceiver { organisationId organisationName received accepted declined expired acceptanceRate medianResponseHours }\n      alertsByRule { ruleCode raised confirmed dismissed }\n      services { serviceId serviceName organisationName status capacityTracked placesTotal placesAvailable capacityUnit use referralsReceived referralsAccepted }\n      volunteerHours { since hours volunteers byMonth { key hours volunteers } bySkill { key nameZh nameEn hours volunteers } }\n    }\n    insightRules { id code nameZh nameEn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OneStopIntake($input: OneStopIntakeInput!) {\n    oneStopIntake(input: $input) {\n      intakeId replayed warnings\n      person { id fullName }\n      members { id fullName }\n      consents { id recipientOrganisationId categories }\n      case { id }\n      referrals { id status receiverOrganisationName }\n      alert { id status }\n    }\n  }\n"): (typeof documents)["\n  mutation OneStopIntake($input: OneStopIntakeInput!) {\n    oneStopIntake(input: $input) {\n      intakeId replayed warnings\n      person { id fullName }\n      members { id fullName }\n      consents { id recipientOrganisationId categories }\n      case { id }\n      referrals { id status receiverOrganisationName }\n      alert { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntakeMatches($input: IntakeMatchInput!) {\n    matchServicesForIntake(input: $input, first: 20) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n"): (typeof documents)["\n  query IntakeMatches($input: IntakeMatchInput!) {\n    matchServicesForIntake(input: $input, first: 20) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntakePerson($id: ID!) { person(id: $id) { id fullName gender birthYear regionCode household { id } } }\n"): (typeof documents)["\n  query IntakePerson($id: ID!) { person(id: $id) { id fullName gender birthYear regionCode household { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntakeConsents($personId: ID!) { consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt } }\n"): (typeof documents)["\n  query IntakeConsents($personId: ID!) { consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntakeAlert($id: ID!) { insightAlert(id: $id) { id ruleCode status rule { id nameZh nameEn } person { id } } }\n"): (typeof documents)["\n  query IntakeAlert($id: ID!) { insightAlert(id: $id) { id ruleCode status rule { id nameZh nameEn } person { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightRules {\n    insightRules {\n      id code version regionCode kind severity params nameZh nameEn descriptionZh descriptionEn active\n      stats { raised open confirmed dismissed precision }\n    }\n  }\n"): (typeof documents)["\n  query InsightRules {\n    insightRules {\n      id code version regionCode kind severity params nameZh nameEn descriptionZh descriptionEn active\n      stats { raised open confirmed dismissed precision }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightRuleRegions { insightRuleRegions }\n"): (typeof documents)["\n  query InsightRuleRegions { insightRuleRegions }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveInsightRuleVersion($input: SaveInsightRuleVersionInput!) {\n    saveInsightRuleVersion(input: $input) { id code version regionCode severity params active }\n  }\n"): (typeof documents)["\n  mutation SaveInsightRuleVersion($input: SaveInsightRuleVersionInput!) {\n    saveInsightRuleVersion(input: $input) { id code version regionCode severity params active }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SignalImportFields on SignalImport {\n    id kind fileName status rowsExpected rowsDone invalid matched repeated unmatched countsSuppressed startedAt finishedAt issues { line problem }\n  }\n"): (typeof documents)["\n  fragment SignalImportFields on SignalImport {\n    id kind fileName status rowsExpected rowsDone invalid matched repeated unmatched countsSuppressed startedAt finishedAt issues { line problem }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignalImports { signalImports(first: 20) { edges { node { ...SignalImportFields } } } }\n"): (typeof documents)["\n  query SignalImports { signalImports(first: 20) { edges { node { ...SignalImportFields } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartSignalImport($input: StartSignalImportInput!) { startSignalImport(input: $input) { alreadyImported import { ...SignalImportFields } } }\n"): (typeof documents)["\n  mutation StartSignalImport($input: StartSignalImportInput!) { startSignalImport(input: $input) { alreadyImported import { ...SignalImportFields } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSignalRows($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows rowsDone issues { line problem } } }\n"): (typeof documents)["\n  mutation AddSignalRows($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows rowsDone issues { line problem } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishSignalImport($id: ID!) { finishSignalImport(id: $id) { ...SignalImportFields } }\n"): (typeof documents)["\n  mutation FinishSignalImport($id: ID!) { finishSignalImport(id: $id) { ...SignalImportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members($first: Int, $after: String, $orderBy: MemberOrder, $search: String) {\n    members(first: $first, after: $after, orderBy: $orderBy, search: $search) {\n      edges { cursor node { id role status createdAt user { id displayName email } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Members($first: Int, $after: String, $orderBy: MemberOrder, $search: String) {\n    members(first: $first, after: $after, orderBy: $orderBy, search: $search) {\n      edges { cursor node { id role status createdAt user { id displayName email } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { token invitation { id email role expiresAt } }\n  }\n"): (typeof documents)["\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { token invitation { id email role expiresAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) { id role }\n  }\n"): (typeof documents)["\n  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {\n    changeMemberRole(input: $input) { id role }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateMember($id: ID!) {\n    deactivateMember(membershipId: $id) { id status deactivatedAt }\n  }\n"): (typeof documents)["\n  mutation DeactivateMember($id: ID!) {\n    deactivateMember(membershipId: $id) { id status deactivatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GrantableRoles { grantableRoles }\n"): (typeof documents)["\n  query GrantableRoles { grantableRoles }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingInvitations {\n    invitations(first: 50) { edges { node { id email role status createdAt expiresAt } } }\n  }\n"): (typeof documents)["\n  query PendingInvitations {\n    invitations(first: 50) { edges { node { id email role status createdAt expiresAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }"): (typeof documents)["mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { token invitation { id status expiresAt } } }"): (typeof documents)["mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { token invitation { id status expiresAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveInvitation($id: ID!) { approveInvitation(id: $id) { id status } }"): (typeof documents)["mutation ApproveInvitation($id: ID!) { approveInvitation(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllianceTasks($first: Int, $after: String) {\n    allianceTasks(first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName startsAt endsAt regionCode skills slots placesTaken waitlistLength needsApproval involvesMinor homeVisit discloses\n          pendingHandover { id status toOrganisationName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AllianceTasks($first: Int, $after: String) {\n    allianceTasks(first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName startsAt endsAt regionCode skills slots placesTaken waitlistLength needsApproval involvesMinor homeVisit discloses\n          pendingHandover { id status toOrganisationName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestTaskHandover($input: RequestHandoverInput!) {\n    requestTaskHandover(input: $input) { id status answerBy }\n  }\n"): (typeof documents)["\n  mutation RequestTaskHandover($input: RequestHandoverInput!) {\n    requestTaskHandover(input: $input) { id status answerBy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoverCandidates($taskId: ID!) {\n    coverCandidates(taskId: $taskId) { askedCount othersCount known { userId displayName skills } }\n  }\n"): (typeof documents)["\n  query CoverCandidates($taskId: ID!) {\n    coverCandidates(taskId: $taskId) { askedCount othersCount known { userId displayName skills } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AskForCover($input: AskForCoverInput!) {\n    askForCover(input: $input) { askedCount othersCount known { userId displayName skills } }\n  }\n"): (typeof documents)["\n  mutation AskForCover($input: AskForCoverInput!) {\n    askForCover(input: $input) { askedCount othersCount known { userId displayName skills } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskHandovers($direction: HandoverDirection!, $status: [HandoverStatus!], $first: Int, $after: String) {\n    taskHandovers(direction: $direction, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id taskId status reason answerReason answerBy answeredAt automatic createdAt fromOrganisationId fromOrganisationName toOrganisationName\n          task { id title startsAt endsAt regionCode status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query TaskHandovers($direction: HandoverDirection!, $status: [HandoverStatus!], $first: Int, $after: String) {\n    taskHandovers(direction: $direction, status: $status, first: $first, after: $after) {\n      edges {\n        node {\n          id taskId status reason answerReason answerBy answeredAt automatic createdAt fromOrganisationId fromOrganisationName toOrganisationName\n          task { id title startsAt endsAt regionCode status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerTaskHandover($input: AnswerHandoverInput!) {\n    answerTaskHandover(input: $input) { id status answerReason answeredAt automatic }\n  }\n"): (typeof documents)["\n  mutation AnswerTaskHandover($input: AnswerHandoverInput!) {\n    answerTaskHandover(input: $input) { id status answerReason answeredAt automatic }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawTaskHandover($id: ID!) { withdrawTaskHandover(id: $id) { id status answeredAt } }\n"): (typeof documents)["\n  mutation WithdrawTaskHandover($id: ID!) { withdrawTaskHandover(id: $id) { id status answeredAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgTask($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval\n      involvesMinor homeVisit status cancelledReason discloses needsCover version createdAt\n      person { id fullName }\n      caseId referralId\n      claims {\n        id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason report createdAt version volunteerId\n        checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n        volunteer { userId displayName phone skills identityCheckedAt backgroundCheckValidUntil }\n      }\n      pendingHandover { id status reason answerBy createdAt fromOrganisationId fromOrganisationName toOrganisationName }\n      timelineEvents { id kind actorName claimId reason fields occurredAt }\n    }\n  }\n"): (typeof documents)["\n  query OrgTask($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval\n      involvesMinor homeVisit status cancelledReason discloses needsCover version createdAt\n      person { id fullName }\n      caseId referralId\n      claims {\n        id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason report createdAt version volunteerId\n        checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n        volunteer { userId displayName phone skills identityCheckedAt backgroundCheckValidUntil }\n      }\n      pendingHandover { id status reason answerBy createdAt fromOrganisationId fromOrganisationName toOrganisationName }\n      timelineEvents { id kind actorName claimId reason fields occurredAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTask($input: CancelTaskInput!) { cancelTask(input: $input) { id status cancelledReason version } }\n"): (typeof documents)["\n  mutation CancelTask($input: CancelTaskInput!) { cancelTask(input: $input) { id status cancelledReason version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationTasks($first: Int, $after: String, $status: [TaskStatus!]) {\n    organisationTasks(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          id title startsAt endsAt regionCode slots placesTaken waitlistLength needsApproval involvesMinor homeVisit needsCover status\n          pendingHandover { id status }\n          claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query OrganisationTasks($first: Int, $after: String, $status: [TaskStatus!]) {\n    organisationTasks(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          id title startsAt endsAt regionCode slots placesTaken waitlistLength needsApproval involvesMinor homeVisit needsCover status\n          pendingHandover { id status }\n          claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveClaim($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status version } }\n"): (typeof documents)["\n  mutation ApproveClaim($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineClaim($input: ClaimDecisionInput!) { declineClaim(input: $input) { id status reason version } }\n"): (typeof documents)["\n  mutation DeclineClaim($input: ClaimDecisionInput!) { declineClaim(input: $input) { id status reason version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmHours($input: ConfirmHoursInput!) { confirmHours(input: $input) { id status minutes hoursConfirmedAt version } }\n"): (typeof documents)["\n  mutation ConfirmHours($input: ConfirmHoursInput!) { confirmHours(input: $input) { id status minutes hoursConfirmedAt version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNoShow($input: ClaimDecisionInput!) { markNoShow(input: $input) { id status reason version } }\n"): (typeof documents)["\n  mutation MarkNoShow($input: ClaimDecisionInput!) { markNoShow(input: $input) { id status reason version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskForEdit($id: ID!) {\n    task(id: $id) {\n      id organisationId title description skills regionCode startsAt endsAt slots placesTaken needsApproval involvesMinor homeVisit status discloses version\n    }\n  }\n"): (typeof documents)["\n  query TaskForEdit($id: ID!) {\n    task(id: $id) {\n      id organisationId title description skills regionCode startsAt endsAt slots placesTaken needsApproval involvesMinor homeVisit status discloses version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostTask($input: PostTaskInput!) { postTask(input: $input) { id } }\n"): (typeof documents)["\n  mutation PostTask($input: PostTaskInput!) { postTask(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditTask($input: EditTaskInput!) {\n    editTask(input: $input) {\n      id title description skills regionCode startsAt endsAt slots placesTaken waitlistLength needsApproval involvesMinor homeVisit status version\n    }\n  }\n"): (typeof documents)["\n  mutation EditTask($input: EditTaskInput!) {\n    editTask(input: $input) {\n      id title description skills regionCode startsAt endsAt slots placesTaken waitlistLength needsApproval involvesMinor homeVisit status version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupVolunteers($first: Int, $after: String) {\n    groupVolunteers(first: $first, after: $after) {\n      edges { node { userId displayName phone idNumber skills areaCodes identityCheckedAt backgroundCheckValidUntil } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query GroupVolunteers($first: Int, $after: String) {\n    groupVolunteers(first: $first, after: $after) {\n      edges { node { userId displayName phone idNumber skills areaCodes identityCheckedAt backgroundCheckValidUntil } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyVolunteer($input: VerifyVolunteerInput!) {\n    verifyVolunteer(input: $input) { userId identityCheckedAt backgroundCheckValidUntil }\n  }\n"): (typeof documents)["\n  mutation VerifyVolunteer($input: VerifyVolunteerInput!) {\n    verifyVolunteer(input: $input) { userId identityCheckedAt backgroundCheckValidUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuplicateCandidates($input: DuplicateCheckInput!) {\n    duplicateCandidates(input: $input) {\n      idNumberTaken\n      candidates { score reasons person { id fullName gender birthYear regionCode createdAt holdingOrganisationId } }\n    }\n  }\n"): (typeof documents)["\n  query DuplicateCandidates($input: DuplicateCheckInput!) {\n    duplicateCandidates(input: $input) {\n      idNumberTaken\n      candidates { score reasons person { id fullName gender birthYear regionCode createdAt holdingOrganisationId } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportPeople($search: PeopleSearch, $orderBy: PeopleOrder, $language: ExportLanguage, $purpose: String!, $includeIdentity: Boolean, $identityReason: String) {\n    exportPeople(search: $search, orderBy: $orderBy, language: $language, purpose: $purpose, includeIdentity: $includeIdentity, identityReason: $identityReason) {\n      filename csv rows\n    }\n  }\n"): (typeof documents)["\n  mutation ExportPeople($search: PeopleSearch, $orderBy: PeopleOrder, $language: ExportLanguage, $purpose: String!, $includeIdentity: Boolean, $identityReason: String) {\n    exportPeople(search: $search, orderBy: $orderBy, language: $language, purpose: $purpose, includeIdentity: $includeIdentity, identityReason: $identityReason) {\n      filename csv rows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HouseholdOption on Household {\n    id regionCode address holdingOrganisationId\n    members { id fullName relationToHead }\n  }\n"): (typeof documents)["\n  fragment HouseholdOption on Household {\n    id regionCode address holdingOrganisationId\n    members { id fullName relationToHead }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JoiningHousehold($id: ID!) { household(id: $id) { ...HouseholdOption } }\n"): (typeof documents)["\n  query JoiningHousehold($id: ID!) { household(id: $id) { ...HouseholdOption } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HouseholdFinder($name: String!) {\n    people(first: 10, search: { name: $name }) { edges { node { id household { ...HouseholdOption } } } }\n  }\n"): (typeof documents)["\n  query HouseholdFinder($name: String!) {\n    people(first: 10, search: { name: $name }) { edges { node { id household { ...HouseholdOption } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergePeople($input: MergePeopleInput!) { mergePeople(input: $input) { id mergedRecordIds } }\n"): (typeof documents)["\n  mutation MergePeople($input: MergePeopleInput!) { mergePeople(input: $input) { id mergedRecordIds } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query People($first: Int, $after: String, $search: PeopleSearch, $orderBy: PeopleOrder, $orderDirection: SortDirection) {\n    people(first: $first, after: $after, search: $search, orderBy: $orderBy, orderDirection: $orderDirection) {\n      edges { node { id fullName gender birthYear phone regionCode } }\n      pageInfo { hasNextPage endCursor }\n    }\n    peopleCount(search: $search)\n  }\n"): (typeof documents)["\n  query People($first: Int, $after: String, $search: PeopleSearch, $orderBy: PeopleOrder, $orderDirection: SortDirection) {\n    people(first: $first, after: $after, search: $search, orderBy: $orderBy, orderDirection: $orderDirection) {\n      edges { node { id fullName gender birthYear phone regionCode } }\n      pageInfo { hasNextPage endCursor }\n    }\n    peopleCount(search: $search)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonCases($filter: CaseFilter) {\n    cases(first: 50, filter: $filter) {\n      edges { node { id needs priority status createdAt assignees { id displayName organisationName endedAt } } }\n    }\n  }\n"): (typeof documents)["\n  query PersonCases($filter: CaseFilter) {\n    cases(first: 50, filter: $filter) {\n      edges { node { id needs priority status createdAt assignees { id displayName organisationName endedAt } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { id } }\n"): (typeof documents)["\n  mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Person($id: ID!) {\n    person(id: $id) {\n      id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode\n      disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId\n      relationToHead mergedRecordIds\n      household {\n        id regionCode address monthlyIncomeCents holdingOrganisationId\n        members { id fullName relationToHead }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Person($id: ID!) {\n    person(id: $id) {\n      id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode\n      disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId\n      relationToHead mergedRecordIds\n      household {\n        id regionCode address monthlyIncomeCents holdingOrganisationId\n        members { id fullName relationToHead }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Consents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil givenBy evidence withdrawnAt }\n    organisations(first: 100) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query Consents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil givenBy evidence withdrawnAt }\n    organisations(first: 100) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }\n"): (typeof documents)["\n  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BreakGlass($input: BreakGlassInput!) { breakGlass(input: $input) { id } }\n"): (typeof documents)["\n  mutation BreakGlass($input: BreakGlassInput!) { breakGlass(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }\n"): (typeof documents)["\n  mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPerson($input: RegisterPersonInput!) { registerPerson(input: $input) { id fullName } }\n"): (typeof documents)["\n  mutation RegisterPerson($input: RegisterPersonInput!) { registerPerson(input: $input) { id fullName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveReferral($input: MoveReferralInput!) { moveReferral(input: $input) { ...ReferralFields } }\n"): (typeof documents)["\n  mutation MoveReferral($input: MoveReferralInput!) { moveReferral(input: $input) { ...ReferralFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RouteReferral($input: RouteReferralInput!) { routeReferral(input: $input) { ...ReferralFields } }\n"): (typeof documents)["\n  mutation RouteReferral($input: RouteReferralInput!) { routeReferral(input: $input) { ...ReferralFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Colleagues { members(first: 100) { edges { node { id role status user { id displayName } } } } }\n"): (typeof documents)["\n  query Colleagues { members(first: 100) { edges { node { id role status user { id displayName } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferralFields on Referral {\n    id status needs urgency regionCode ageBand noteForReceiver sharedCategories overrideReason reasonCode reasonText outcome outcomeNote\n    caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId receiverOrganisationName\n    receiverUserId receiverUserName requestedAt respondedAt endedAt escalatedAt createdAt version\n    person { id fullName }\n    timeline { id kind actorName actorOrganisationName fromStatus toStatus reasonCode reasonText occurredAt }\n  }\n"): (typeof documents)["\n  fragment ReferralFields on Referral {\n    id status needs urgency regionCode ageBand noteForReceiver sharedCategories overrideReason reasonCode reasonText outcome outcomeNote\n    caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId receiverOrganisationName\n    receiverUserId receiverUserName requestedAt respondedAt endedAt escalatedAt createdAt version\n    person { id fullName }\n    timeline { id kind actorName actorOrganisationName fromStatus toStatus reasonCode reasonText occurredAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referral($id: ID!) { referral(id: $id) { ...ReferralFields } }\n"): (typeof documents)["\n  query Referral($id: ID!) { referral(id: $id) { ...ReferralFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralSettings { referralSettings { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays } }\n"): (typeof documents)["\n  query ReferralSettings { referralSettings { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateReferralSettings($input: ReferralSettingsInput!) {\n    updateReferralSettings(input: $input) { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays }\n  }\n"): (typeof documents)["\n  mutation UpdateReferralSettings($input: ReferralSettingsInput!) {\n    updateReferralSettings(input: $input) { remindAfterHours escalateAfterHours expireAfterDays accessGraceDays }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Referrals($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder, $received: ReferralFilter, $sent: ReferralFilter, $withPerson: Boolean!) {\n    referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        node {\n          id status needs urgency regionCode ageBand serviceName senderOrganisationName receiverOrganisationName receiverUserName\n          outcome requestedAt createdAt escalatedAt answerBy\n          person @include(if: $withPerson) { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    received: referralsCount(filter: $received)\n    sent: referralsCount(filter: $sent)\n  }\n"): (typeof documents)["\n  query Referrals($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder, $received: ReferralFilter, $sent: ReferralFilter, $withPerson: Boolean!) {\n    referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        node {\n          id status needs urgency regionCode ageBand serviceName senderOrganisationName receiverOrganisationName receiverUserName\n          outcome requestedAt createdAt escalatedAt answerBy\n          person @include(if: $withPerson) { id fullName }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    received: referralsCount(filter: $received)\n    sent: referralsCount(filter: $sent)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchServices($caseId: ID!, $first: Int!) {\n    matchServices(caseId: $caseId, first: $first) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n"): (typeof documents)["\n  query MatchServices($caseId: ID!, $first: Int!) {\n    matchServices(caseId: $caseId, first: $first) {\n      serviceId serviceName organisationId organisationName score placesAvailable reasons { code status values }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }\n  }\n"): (typeof documents)["\n  mutation CreateReferral($input: CreateReferralInput!) {\n    createReferral(input: $input) { warnings referral { id receiverOrganisationName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServicesForReferral($filter: ServiceFilter) {\n    services(first: 50, filter: $filter) {\n      edges { node { id name organisationId organisationName capacity { available unit } } }\n    }\n  }\n"): (typeof documents)["\n  query ServicesForReferral($filter: ServiceFilter) {\n    services(first: 50, filter: $filter) {\n      edges { node { id name organisationId organisationName capacity { available unit } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralConsents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt }\n  }\n"): (typeof documents)["\n  query ReferralConsents($personId: ID!) {\n    consents(personId: $personId) { id recipientOrganisationId categories purpose validFrom validUntil withdrawnAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) { invitationPreview(token: $token) { status organisationName role } }\n"): (typeof documents)["\n  query InvitationPreview($token: String!) { invitationPreview(token: $token) { status organisationName role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VolunteerClaimFields on TaskClaim {\n    id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n    checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n  }\n"): (typeof documents)["\n  fragment VolunteerClaimFields on TaskClaim {\n    id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n    checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmOffer($input: ClaimDecisionInput!) {\n    confirmClaim(input: $input) { ...VolunteerClaimFields }\n  }\n"): (typeof documents)["\n  mutation ConfirmOffer($input: ClaimDecisionInput!) {\n    confirmClaim(input: $input) { ...VolunteerClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseClaim($input: ClaimDecisionInput!) {\n    releaseClaim(input: $input) { ...VolunteerClaimFields }\n  }\n"): (typeof documents)["\n  mutation ReleaseClaim($input: ClaimDecisionInput!) {\n    releaseClaim(input: $input) { ...VolunteerClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) { ...VolunteerClaimFields }\n  }\n"): (typeof documents)["\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) { ...VolunteerClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckOut($input: CheckOutInput!) {\n    checkOut(input: $input) { ...VolunteerClaimFields }\n  }\n"): (typeof documents)["\n  mutation CheckOut($input: CheckOutInput!) {\n    checkOut(input: $input) { ...VolunteerClaimFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyHours {\n    myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted }\n  }\n"): (typeof documents)["\n  query MyHours {\n    myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyHoursStatement($language: ExportLanguage) {\n    myHoursStatement(language: $language) { filename csv confirmedMinutes }\n  }\n"): (typeof documents)["\n  query MyHoursStatement($language: ExportLanguage) {\n    myHoursStatement(language: $language) { filename csv confirmedMinutes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCompletedClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges { node { id status minutes hoursConfirmedAt checkedInAt task { id title organisationName startsAt endsAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query MyCompletedClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges { node { id status minutes hoursConfirmedAt checkedInAt task { id title organisationName startsAt endsAt } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges {\n        node {\n          id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n          checkInPlace { latitude longitude accuracyMeters }\n          task {\n            id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit status cancelledReason\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query MyClaims($first: Int, $after: String) {\n    myClaims(first: $first, after: $after) {\n      edges {\n        node {\n          id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version\n          checkInPlace { latitude longitude accuracyMeters }\n          task {\n            id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit status cancelledReason\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyVolunteerProfile {\n    myVolunteerProfile { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n"): (typeof documents)["\n  query MyVolunteerProfile {\n    myVolunteerProfile { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveMyVolunteerProfile($input: VolunteerProfileInput!) {\n    saveMyVolunteerProfile(input: $input) { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n"): (typeof documents)["\n  mutation SaveMyVolunteerProfile($input: VolunteerProfileInput!) {\n    saveMyVolunteerProfile(input: $input) { userId skills areaCodes availability { day from to } languages idNumber identityCheckedAt backgroundCheckValidUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskBoard($filter: TaskBoardFilter, $first: Int, $after: String) {\n    taskBoard(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit\n          coverAskedOfMe claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query TaskBoard($filter: TaskBoardFilter, $first: Int, $after: String) {\n    taskBoard(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit\n          coverAskedOfMe claims { id status }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProfileExists {\n    myVolunteerProfile { userId }\n  }\n"): (typeof documents)["\n  query MyProfileExists {\n    myVolunteerProfile { userId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskForVolunteer($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor\n      homeVisit status cancelledReason discloses coverAskedOfMe\n      claims { id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version checkInPlace { latitude longitude accuracyMeters } }\n      person { id fullName phone address }\n    }\n  }\n"): (typeof documents)["\n  query TaskForVolunteer($id: ID!) {\n    task(id: $id) {\n      id title description organisationId organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor\n      homeVisit status cancelledReason discloses coverAskedOfMe\n      claims { id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version checkInPlace { latitude longitude accuracyMeters } }\n      person { id fullName phone address }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimTask($input: ClaimTaskInput!) {\n    claimTask(input: $input) { id status waitlistPosition }\n  }\n"): (typeof documents)["\n  mutation ClaimTask($input: ClaimTaskInput!) {\n    claimTask(input: $input) { id status waitlistPosition }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SkillNames {\n    skillList { code nameZh nameEn }\n  }\n"): (typeof documents)["\n  query SkillNames {\n    skillList { code nameZh nameEn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 15) {\n      edges { node { id eventId kind subjectType subjectId organisationId createdAt readAt params { key value } } }\n    }\n  }\n"): (typeof documents)["\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 15) {\n      edges { node { id eventId kind subjectType subjectId organisationId createdAt readAt params { key value } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id email displayName memberships { id role status organisation { id name kind regionCode parent { id name } } } }\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    user { id email displayName memberships { id role status organisation { id name kind regionCode parent { id name } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }"): (typeof documents)["mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ...SessionFields } }"): (typeof documents)["mutation AcceptInvitation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ...SessionFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Refresh { refreshSession { ...SessionFields } }"): (typeof documents)["mutation Refresh { refreshSession { ...SessionFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout { logout }"): (typeof documents)["mutation Logout { logout }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;