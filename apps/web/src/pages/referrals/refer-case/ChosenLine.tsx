import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Chosen } from './refer-draft';

/** The chosen service, at the top of the later steps. */
export function ChosenLine({ chosen }: { chosen: Chosen }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="refer-chosen">
      <Space wrap size={4}>
        <Typography.Text type="secondary">{t('refer.to')}</Typography.Text>
        <Typography.Text strong>{chosen.serviceName}</Typography.Text>
        <Typography.Text type="secondary">{chosen.organisationName}</Typography.Text>
        {chosen.placesAvailable === 0 && <Tag color="red">{t('directory.full')}</Tag>}
      </Space>
    </Card>
  );
}
