import { EyeInvisibleOutlined, LockOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isWithheld } from '../access-notes';

/** A value the API withheld (null) or masked: shown as such, never as "not recorded". */
export function Guarded({ value }: { value: string | number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return (
      <Tooltip title={t('person.withheldWhy')}>
        <Typography.Text type="secondary"><LockOutlined aria-hidden /> {t('person.withheld')}</Typography.Text>
      </Tooltip>
    );
  }
  return <>{value}</>;
}

interface FieldValueProps {
  /** The GraphQL operation whose answer held the value, and the object's path in it (`person`, `person.household`). */
  operation: string;
  path: string;
  field: string;
  value: unknown;
  /** How a present value reads (translated enums, yuan from fen, …). */
  format?: (value: unknown) => ReactNode;
  /** Names the value for tests: `value-<testId>` or `withheld-<testId>`. */
  testId?: string;
}

/**
 * One field of a record as the API answered it: a lock and the reason when it was withheld (named in
 * `extensions.access.denied`), "not recorded" when it is simply empty, a tag when it came masked.
 */
export function FieldValue({ operation, path, field, value, format, testId = field }: FieldValueProps) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    if (isWithheld(operation, path, field)) {
      return (
        <Tooltip title={t('person.withheldWhy')}>
          <Typography.Text type="secondary" data-testid={`withheld-${testId}`}><LockOutlined aria-hidden /> {t('person.withheld')}</Typography.Text>
        </Tooltip>
      );
    }
    return <Typography.Text type="secondary">{t('person.notRecorded')}</Typography.Text>;
  }
  const text = format ? format(value) : String(value);
  if (typeof value === 'string' && value.includes('*')) {
    return (
      <Space>
        <span data-testid={`value-${testId}`}>{text}</span>
        <Tooltip title={t('person.maskedWhy')}><Tag icon={<EyeInvisibleOutlined />}>{t('person.masked')}</Tag></Tooltip>
      </Space>
    );
  }
  return <span data-testid={`value-${testId}`}>{text}</span>;
}

/** Fen as yuan with two decimals, the way incomes are written on assistance forms. */
export const yuan = (fen: unknown) => (Number(fen) / 100).toFixed(2);
