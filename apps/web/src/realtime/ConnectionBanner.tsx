import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRealtime } from './RealtimeProvider';

/** A small banner while live updates are cut off, and for a moment once they are back (what was missed is applied). */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { state } = useRealtime();
  if (state === 'lost') return <Alert type="warning" showIcon banner title={t('realtime.lost')} data-testid="realtime-lost" role="status" />;
  if (state === 'back') return <Alert type="success" showIcon banner title={t('realtime.back')} data-testid="realtime-back" role="status" />;
  return null;
}
