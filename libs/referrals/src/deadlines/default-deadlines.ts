/** The alliance's deadlines for an unanswered referral, for a receiving organisation that has set none. */
export const DEFAULT_DEADLINES = { remindAfterHours: 24, escalateAfterHours: 48, expireAfterDays: 7 } as const;

/** SQL: when the referral `r`, requested and unanswered, expires — its receiver's setting, or the default. */
export const answerBy = (r: string) => `CASE WHEN ${r}.status = 'REQUESTED' THEN ${r}.requested_at + make_interval(days => COALESCE(
  (SELECT st.expire_after_days FROM referral_settings st WHERE st.organisation_id = ${r}.receiver_organisation_id), ${DEFAULT_DEADLINES.expireAfterDays})) END`;
