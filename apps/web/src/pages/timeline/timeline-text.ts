import type { TFunction } from 'i18next';
import type { CaseEventKind, CaseOutcome, CaseStatus, ReferralReason, ReferralStatus } from '../../gql/graphql';

export interface CaseEventLike {
  kind: CaseEventKind;
  actorName?: string | null;
  assigneeName?: string | null;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
  outcome?: CaseOutcome | null;
  changed?: string[] | null;
  referralStatus?: string | null;
  organisationName?: string | null;
}

export interface ReferralEventLike {
  kind: string;
  actorName?: string | null;
  actorOrganisationName?: string | null;
  fromStatus?: ReferralStatus | null;
  toStatus?: ReferralStatus | null;
  reasonCode?: ReferralReason | null;
  reasonText?: string | null;
}

/** One line of a timeline: what happened, and who did it (the system when no one did). */
export interface TimelineLine {
  text: string;
  by: string;
  /** A reason or outcome that came with it. */
  detail?: string;
}

const KNOWN_REFERRAL_STATUSES = ['DRAFT', 'REQUESTED', 'ACCEPTED', 'REJECTED', 'CANCELLED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'ENTERED_IN_ERROR'];

function referralStatusName(t: TFunction, status: string | null | undefined): string {
  return status && KNOWN_REFERRAL_STATUSES.includes(status) ? t(`referralStatus.${status}`) : t('referralStatus.unknown');
}

/** A case event in words: never a note's content, only what changed (the API sends no more). */
export function caseEventLine(t: TFunction, e: CaseEventLike): TimelineLine {
  const by = e.actorName ?? t('timeline.system');
  switch (e.kind) {
    case 'OPENED':
      return { text: t('caseEvents.OPENED'), by };
    case 'ASSIGNED':
      return { text: e.organisationName ? t('caseEvents.assignedFrom', { assignee: e.assigneeName ?? '', organisation: e.organisationName }) : t('caseEvents.ASSIGNED', { assignee: e.assigneeName ?? '' }), by };
    case 'UNASSIGNED':
      return { text: t('caseEvents.UNASSIGNED', { assignee: e.assigneeName ?? '' }), by };
    case 'UPDATED':
      return { text: t('caseEvents.UPDATED', { fields: (e.changed ?? []).map((f) => t(`cases.fields.${f}`, { defaultValue: f })).join(t('common.listSeparator')) }), by };
    case 'STATUS_CHANGED':
      return {
        text: t('caseEvents.STATUS_CHANGED', { from: e.fromStatus ? t(`caseStatus.${e.fromStatus}`) : '', to: e.toStatus ? t(`caseStatus.${e.toStatus}`) : '' }),
        by,
        ...(e.outcome ? { detail: t('caseEvents.outcome', { outcome: t(`caseOutcome.${e.outcome}`) }) } : {}),
      };
    case 'REFERRAL':
      return { text: t('caseEvents.REFERRAL', { organisation: e.organisationName ?? '', status: referralStatusName(t, e.referralStatus) }), by };
    default:
      return { text: t('caseEvents.other'), by };
  }
}

/** A referral event in words, with the reason a decline, hold, cancellation or failure came with. */
export function referralEventLine(t: TFunction, e: ReferralEventLike): TimelineLine {
  const by = e.actorName ? (e.actorOrganisationName ? t('timeline.actorAt', { actor: e.actorName, organisation: e.actorOrganisationName }) : e.actorName) : t('timeline.system');
  const detail = e.reasonCode ? t('referrals.reasonLine', { reason: t(`referralReason.${e.reasonCode}`), text: e.reasonText ?? '' }) : undefined;
  let text: string;
  if (e.kind === 'STATUS_CHANGED') {
    text = e.fromStatus
      ? t('referralEvents.moved', { from: referralStatusName(t, e.fromStatus), to: referralStatusName(t, e.toStatus) })
      : t('referralEvents.created', { to: referralStatusName(t, e.toStatus) });
  } else {
    text = t(`referralEvents.${e.kind}`, { defaultValue: t('referralEvents.other') });
  }
  return { text, by, ...(detail ? { detail } : {}) };
}

export interface CaseNoteLike {
  authorName: string;
  authorOrganisationName: string;
  correctsId?: string | null;
  migrated?: boolean;
}

export interface CaseAttachmentLike {
  category?: string | null;
  fileName?: string | null;
  uploadedByName: string;
  uploadedByOrganisationName: string;
}

/** A note entry on the case timeline: who wrote it, for which organisation (its text is shown beside, as written). */
export function caseNoteLine(t: TFunction, n: CaseNoteLike): TimelineLine {
  const by = t('timeline.actorAt', { actor: n.authorName, organisation: n.authorOrganisationName });
  if (n.migrated) return { text: t('caseNotes.migrated'), by };
  return { text: t(n.correctsId ? 'caseNotes.correction' : 'caseNotes.wrote'), by };
}

/** A file kept with the case, on its timeline: what kind, its name (if the viewer may read it), who added it. */
export function caseAttachmentLine(t: TFunction, a: CaseAttachmentLike): TimelineLine {
  return {
    text: t('attachments.line', { name: a.fileName ?? '—', category: a.category ? t(`attachments.categories.${a.category}`) : '—' }),
    by: t('timeline.actorAt', { actor: a.uploadedByName, organisation: a.uploadedByOrganisationName }),
  };
}
