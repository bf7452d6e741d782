import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Checkbox, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ClaimStatus } from '../../gql/graphql';
import { canCheckInNow, canCheckOutNow, canRelease, currentPlace, taskErrorText, useNow, useSharePlace } from './task-parts';

// What a volunteer's screens show of a claim: every action answers it, so each screen updates in place.
graphql(`
  fragment VolunteerClaimFields on TaskClaim {
    id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version
    checkInPlace { latitude longitude accuracyMeters } checkOutPlace { latitude longitude accuracyMeters }
  }
`);

const CONFIRM_OFFER = graphql(`
  mutation ConfirmOffer($input: ClaimDecisionInput!) {
    confirmClaim(input: $input) { ...VolunteerClaimFields }
  }
`);
const RELEASE = graphql(`
  mutation ReleaseClaim($input: ClaimDecisionInput!) {
    releaseClaim(input: $input) { ...VolunteerClaimFields }
  }
`);
const CHECK_IN = graphql(`
  mutation CheckIn($input: CheckInInput!) {
    checkIn(input: $input) { ...VolunteerClaimFields }
  }
`);
const CHECK_OUT = graphql(`
  mutation CheckOut($input: CheckOutInput!) {
    checkOut(input: $input) { ...VolunteerClaimFields }
  }
`);

export interface ActionClaim {
  id: string;
  status: ClaimStatus;
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
}

/**
 * What a volunteer can do with their claim now, as big buttons within a thumb's reach: take up an offered
 * place, check in (from an hour before), check out with a short report, or say "I can't come".
 */
export function ClaimActions({ claim, task, onChanged }: { claim: ActionClaim; task: { id: string; startsAt: string; endsAt: string }; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const now = useNow();
  const [problem, setProblem] = useState<string | null>(null);
  const [checkingOut, setCheckingOut] = useState(false);
  const [report, setReport] = useState('');
  const refetchQueries = ['MyClaims', 'TaskForVolunteer', 'MyHours', 'TaskBoard'];
  const [confirmOffer, confirming] = useMutation(CONFIRM_OFFER, { refetchQueries });
  const [release, releasing] = useMutation(RELEASE, { refetchQueries });
  const [checkIn, checkingIn] = useMutation(CHECK_IN, { refetchQueries });
  const [checkOut, checkOutState] = useMutation(CHECK_OUT, { refetchQueries });
  const [sharePlace, setSharePlace] = useSharePlace();
  const [locating, setLocating] = useState(false);

  /** Where the volunteer is, when they chose to say; told plainly when the device cannot say (the check-in goes ahead without it). */
  const placeIfShared = async () => {
    if (!sharePlace) return undefined;
    setLocating(true);
    const place = await currentPlace();
    setLocating(false);
    if (!place) void message.warning(t('tasks.actions.placeUnavailable'));
    return place ?? undefined;
  };

  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await action();
      void message.success(done);
      onChanged?.();
      return true;
    } catch (error) {
      setProblem(taskErrorText(t, error));
      return false;
    }
  };
  const input = { claimId: claim.id };
  const big = { size: 'large' as const, block: true, style: { minHeight: 52, fontSize: 18 } };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {problem && <Alert type="error" showIcon message={problem} data-testid="claim-problem" />}
      {claim.status === 'OFFERED' && (
        <Button type="primary" {...big} loading={confirming.loading} data-testid="confirm-offer"
          onClick={() => void run(() => confirmOffer({ variables: { input } }), t('tasks.actions.offerTaken'))}>
          {t('tasks.actions.takeOffer')}
        </Button>
      )}
      {canCheckInNow(claim, task, now) && (
        <Button type="primary" {...big} loading={checkingIn.loading || locating} data-testid="check-in"
          onClick={() => void run(async () => checkIn({ variables: { input: { ...input, place: await placeIfShared() } } }), t('tasks.actions.checkedIn'))}>
          {locating ? t('tasks.actions.locating') : t('tasks.actions.checkIn')}
        </Button>
      )}
      {canCheckOutNow(claim) && (
        <Button type="primary" {...big} data-testid="check-out" onClick={() => setCheckingOut(true)}>{t('tasks.actions.checkOut')}</Button>
      )}
      {(canCheckInNow(claim, task, now) || canCheckOutNow(claim)) && (
        <div>
          <Checkbox checked={sharePlace} onChange={(e) => setSharePlace(e.target.checked)} data-testid="share-place">{t('tasks.actions.sharePlace')}</Checkbox>
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0 24px', fontSize: 13 }}>{t('tasks.actions.sharePlaceHint')}</Typography.Paragraph>
        </div>
      )}
      {canRelease(claim, task, now) && (
        <Popconfirm
          title={t('tasks.actions.releaseConfirm')}
          description={t('tasks.actions.releaseExplain')}
          okText={t('tasks.actions.releaseYes')}
          cancelText={t('tasks.actions.releaseNo')}
          onConfirm={() => void run(() => release({ variables: { input } }), t('tasks.actions.released'))}
        >
          <Button danger block loading={releasing.loading} data-testid="release">{claim.status === 'WAITLISTED' ? t('tasks.actions.leaveWaitlist') : t('tasks.actions.cannotCome')}</Button>
        </Popconfirm>
      )}
      <Modal
        open={checkingOut}
        title={t('tasks.actions.checkOutTitle')}
        okText={t('tasks.actions.checkOut')}
        cancelText={t('tasks.actions.releaseNo')}
        confirmLoading={checkOutState.loading || locating}
        onCancel={() => setCheckingOut(false)}
        onOk={() => void run(async () => checkOut({ variables: { input: { claimId: claim.id, report: report.trim() || undefined, place: await placeIfShared() } } }),
          t('tasks.actions.checkedOut'))
          .then((ok) => ok && setCheckingOut(false))}
      >
        <label htmlFor="check-out-report">{t('tasks.actions.report')}</label>
        <Input.TextArea id="check-out-report" rows={4} maxLength={2000} showCount value={report} onChange={(e) => setReport(e.target.value)}
          placeholder={t('tasks.actions.reportHint')} data-testid="check-out-report" />
        {problem && <Alert style={{ marginTop: 8 }} type="error" showIcon message={problem} />}
      </Modal>
    </Space>
  );
}
