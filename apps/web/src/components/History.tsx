import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../dates';
import type { TimelineLine } from '../pages/timeline/timeline-text';

/** A timeline, oldest first as the API gives it: when, what, who, the reason or outcome it came with, and what a line carries (a note's text). */
export function History({ events, testId }: { events: (TimelineLine & { id: string; occurredAt: string; content?: ReactNode })[]; testId: string }) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) return <Typography.Text type="secondary">{t('timeline.empty')}</Typography.Text>;
  return (
    <Timeline
      data-testid={testId}
      items={events.map((e) => ({
        key: e.id,
        content: (
          <div data-testid={`${testId}-event`}>
            <Typography.Text>{e.text}</Typography.Text>
            {e.detail && <div><Typography.Text type="secondary">{e.detail}</Typography.Text></div>}
            {e.content}
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(e.occurredAt, i18n.resolvedLanguage)} · {e.by}</Typography.Text></div>
          </div>
        ),
      }))}
    />
  );
}
