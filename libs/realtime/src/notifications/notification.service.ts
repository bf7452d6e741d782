import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, badInput, changedRows, Connection, cursorScope, paginateById } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { EVENT_KINDS, EventKind } from '../events/event-kind';
import { MarkNotificationsReadInput, Notification, NotificationArgs, NotificationPreference, NotificationPreferenceInput } from './notification.type';

interface NotificationRow {
  id: string;
  event_seq: string;
  kind: EventKind;
  subject_type: string;
  subject_id: string;
  organisation_id: string | null;
  params: Record<string, string | number | boolean | null>;
  created_at: Date;
  read_at: Date | null;
}

/** A person's notification centre: their own notifications, newest first; read marks; muted kinds. */
@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(actor: Actor, args: NotificationArgs): Promise<Connection<Notification>> {
    return paginateById(args, async (after, limit) => {
      const rows: NotificationRow[] = await this.db.query(
        `SELECT id, event_seq, kind, subject_type, subject_id, organisation_id, params, created_at, read_at FROM notifications
          WHERE user_id = $1 AND ($2::uuid IS NULL OR id < $2) AND (NOT $3 OR read_at IS NULL)
          ORDER BY id DESC LIMIT $4`, [actor.userId, after, args.unreadOnly === true, limit]);
      return rows.map(toNotification);
    }, cursorScope(actor, 'notifications'));
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [actor.userId]);
    return row.n;
  }

  /** Marks the listed notifications (the caller's own; others' ids change nothing) or all of them read; returns how many changed. */
  async markRead(actor: Actor, input: MarkNotificationsReadInput): Promise<number> {
    if (!input.all && (!input.ids || input.ids.length === 0)) throw badInput('NOTHING_TO_MARK', 'Name the notifications to mark read, or ask for all.', 'input.ids');
    const rows = await changedRows(this.db.manager,
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2 OR id = ANY($3::uuid[])) RETURNING id`,
      [actor.userId, input.all === true, input.ids ?? []]);
    return rows.length;
  }

  async preferences(actor: Actor): Promise<NotificationPreference[]> {
    const rows: { kind: EventKind; muted: boolean }[] = await this.db.query(`SELECT kind, muted FROM notification_preferences WHERE user_id = $1`, [actor.userId]);
    const muted = new Map(rows.map((r) => [r.kind, r.muted]));
    return EVENT_KINDS.map((kind) => ({ kind, muted: muted.get(kind) ?? false }));
  }

  async setPreference(actor: Actor, input: NotificationPreferenceInput): Promise<NotificationPreference> {
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, kind, muted) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) DO UPDATE SET muted = EXCLUDED.muted, updated_at = now()`, [actor.userId, input.kind, input.muted]);
    return { kind: input.kind, muted: input.muted };
  }
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id, eventId: String(row.event_seq), kind: row.kind, subjectType: row.subject_type, subjectId: row.subject_id, organisationId: row.organisation_id,
    params: Object.entries(row.params ?? {}).map(([key, value]) => ({ key, value: value === null ? null : String(value) })),
    createdAt: row.created_at, readAt: row.read_at,
  };
}
