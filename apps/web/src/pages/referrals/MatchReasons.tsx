import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined, QuestionCircleFilled } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNeeds } from '../../components/Needs';
import type { MatchStatus } from '../../gql/graphql';
import { orderReasons, Reason, reasonText } from './match-text';

function StatusIcon({ status, label }: { status: MatchStatus; label: string }) {
  if (status === 'MET') return <CheckCircleFilled style={{ color: '#52c41a' }} role="img" aria-label={label} />;
  if (status === 'NOT_MET') return <CloseCircleFilled style={{ color: '#ff4d4f' }} role="img" aria-label={label} />;
  if (status === 'NEEDS_CHECKING') return <QuestionCircleFilled style={{ color: '#fa8c16' }} role="img" aria-label={label} />;
  return <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-hidden />;
}

/** Why a service was suggested, one short sentence per reason, each marked met, not met or to be checked. */
/** `without` leaves out what the screen already shows otherwise (the places, as a tag). */
export function MatchReasons({ reasons, without = [] }: { reasons: Reason[]; without?: Reason['code'][] }) {
  const { t } = useTranslation();
  const needs = useNeeds();
  return (
    <Space orientation="vertical" size={0}>
      {orderReasons(reasons.filter((r) => !without.includes(r.code))).map((r, i) => (
        <Typography.Text key={`${r.code}-${i}`} data-testid="match-reason" data-status={r.status} type={r.status === 'INFO' ? 'secondary' : undefined}>
          <Space size={4}>
            <StatusIcon status={r.status} label={t(`match.status.${r.status}`)} />
            <span>{reasonText(t, r, needs.name)}</span>
            {r.status === 'NEEDS_CHECKING' && <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('match.status.NEEDS_CHECKING')}</Tag>}
          </Space>
        </Typography.Text>
      ))}
    </Space>
  );
}
