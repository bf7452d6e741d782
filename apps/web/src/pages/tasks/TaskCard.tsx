import { EnvironmentOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { regionName } from '../../regions';
import { timeRange, useSkillNames } from './task-parts';

const ACTIVE = ['HELD', 'PENDING', 'WAITLISTED', 'OFFERED'];

export interface TaskCardTask {
  id: string;
  title: string;
  organisationName: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  slots: number;
  placesTaken: number;
  waitlistLength: number;
  skills: string[];
  needsApproval: boolean;
  involvesMinor: boolean;
  homeVisit: boolean;
  coverAskedOfMe?: boolean;
  /** The volunteer's own claims on it (the API gives a volunteer theirs only). */
  claims?: { status: string }[];
}

/** One task as a volunteer scans it: what, when, where (a district), how many places, and what it asks of them. */
export function TaskCard({ task, extra, footer }: { task: TaskCardTask; extra?: ReactNode; footer?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const skillName = useSkillNames();
  const left = task.slots - task.placesTaken;
  return (
    <Card size="small" data-testid="task-card" data-task-id={task.id} styles={{ body: { padding: 12 } }}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
          <Link to={`/tasks/${task.id}`} style={{ fontSize: 16, fontWeight: 600 }} data-testid="task-title">{task.title}</Link>
          {extra}
        </div>
        <Typography.Text type="secondary">{task.organisationName}</Typography.Text>
        <span><ClockCircleOutlined /> {timeRange(task.startsAt, task.endsAt, i18n.resolvedLanguage)}</span>
        <span><EnvironmentOutlined /> {regionName(t, task.regionCode)}</span>
        <div>
          {task.coverAskedOfMe && <Tag color="magenta">{t('tasks.card.askedYou')}</Tag>}
          {task.claims?.some((c) => ACTIVE.includes(c.status)) && <Tag color="green">{t('tasks.card.claimed')}</Tag>}
          {left > 0
            ? <Tag color="green" data-testid="places-left">{t('tasks.card.placesLeft', { count: left, slots: task.slots })}</Tag>
            : <Tag color="orange" data-testid="places-left">{t('tasks.card.full', { count: task.waitlistLength })}</Tag>}
          {task.needsApproval && <Tag>{t('tasks.card.needsApproval')}</Tag>}
          {task.involvesMinor && <Tag color="volcano">{t('tasks.card.involvesMinor')}</Tag>}
          {task.homeVisit && <Tag color="volcano">{t('tasks.card.homeVisit')}</Tag>}
          {task.skills.map((s) => <Tag key={s} color="blue">{skillName(s)}</Tag>)}
        </div>
        {footer}
      </Space>
    </Card>
  );
}
