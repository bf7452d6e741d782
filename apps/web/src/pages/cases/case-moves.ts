import type { CaseStatus } from '../../gql/graphql';

/** The moves a case's status may make, as libs/cases allows them; reopening is a coordinator's call. */
const MOVES: Record<CaseStatus, CaseStatus[]> = {
  OPEN: ['IN_PROGRESS', 'ON_HOLD', 'CLOSED'],
  IN_PROGRESS: ['ON_HOLD', 'CLOSED'],
  ON_HOLD: ['IN_PROGRESS', 'CLOSED'],
  CLOSED: ['OPEN'],
};

/** The statuses a case may be moved to from `status` by someone who works it (`mayReopen`: the holder's coordinator). */
export function caseMoves(status: CaseStatus, mayReopen: boolean): CaseStatus[] {
  if (status === 'CLOSED' && !mayReopen) return [];
  return MOVES[status];
}

/** The words on a move's button: going back to work after a pause is "resume", not "start". */
export function caseMoveKey(from: CaseStatus, to: CaseStatus): string {
  return from === 'ON_HOLD' && to === 'IN_PROGRESS' ? 'resume' : to;
}

/** Statuses in which a case is still being worked: the list's default filter. */
export const CASE_ACTIVE: CaseStatus[] = ['OPEN', 'IN_PROGRESS', 'ON_HOLD'];
