export * from './referrals.module';
export * from './referrals/referral.type';
export * from './referrals/referral-moves';
export { ReferralService } from './referrals/referral.service';
export { ReferralStats } from './referrals/referral-stats';
export type { ReceiverStats } from './referrals/referral-stats';
export * from './deadlines/referral-deadlines';
export * from './deadlines/referral-jobs';
export * from './demo/work-demo';
