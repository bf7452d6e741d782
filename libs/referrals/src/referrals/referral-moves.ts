/** The states of a referral, as HL7 FHIR Task names them (SDOH Clinical Care). */
export enum ReferralStatus {
  DRAFT = 'DRAFT',
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  ENTERED_IN_ERROR = 'ENTERED_IN_ERROR',
}

export type Party = 'SENDER' | 'RECEIVER';

const S = ReferralStatus;

/** Every allowed move and the party that makes it; anything else is refused. */
const MOVES: Readonly<Record<ReferralStatus, Partial<Record<ReferralStatus, Party>>>> = {
  [S.DRAFT]: { [S.REQUESTED]: 'SENDER' },
  [S.REQUESTED]: { [S.ACCEPTED]: 'RECEIVER', [S.REJECTED]: 'RECEIVER', [S.CANCELLED]: 'SENDER' },
  [S.ACCEPTED]: { [S.IN_PROGRESS]: 'RECEIVER', [S.ON_HOLD]: 'RECEIVER', [S.CANCELLED]: 'SENDER', [S.COMPLETED]: 'RECEIVER', [S.FAILED]: 'RECEIVER' },
  [S.IN_PROGRESS]: { [S.ON_HOLD]: 'RECEIVER', [S.COMPLETED]: 'RECEIVER', [S.FAILED]: 'RECEIVER', [S.CANCELLED]: 'SENDER' },
  [S.ON_HOLD]: { [S.IN_PROGRESS]: 'RECEIVER', [S.CANCELLED]: 'SENDER', [S.COMPLETED]: 'RECEIVER', [S.FAILED]: 'RECEIVER' },
  [S.REJECTED]: {},
  [S.CANCELLED]: {},
  [S.COMPLETED]: {},
  [S.FAILED]: {},
  [S.ENTERED_IN_ERROR]: {},
};

/** Moves that need a coded reason and a text. */
export const NEEDS_REASON: readonly ReferralStatus[] = [S.REJECTED, S.CANCELLED, S.ON_HOLD, S.FAILED];

/** States in which the referral is over. */
export const ENDED: readonly ReferralStatus[] = [S.REJECTED, S.CANCELLED, S.COMPLETED, S.FAILED, S.ENTERED_IN_ERROR];

/** States in which an accepted referral holds a place and opens the person to the receiver. */
export const ACTIVE: readonly ReferralStatus[] = [S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD];

/**
 * Who may move a referral from one state to another: the party, or `null` when the move does not
 * exist. Any state but entered-in-error itself may be marked entered-in-error, by the sender.
 */
export function moveParty(from: ReferralStatus, to: ReferralStatus): Party | null {
  if (from === to) return null;
  if (to === S.ENTERED_IN_ERROR) return 'SENDER';
  return MOVES[from][to] ?? null;
}
