import { Module } from '@nestjs/common';
import { IdentityModule, SessionChecks } from '@zhulian/identity';
import { EventSubjects } from './delivery/event-subjects';
import { RecipientReads } from './delivery/recipient-reads';
import { RealtimeGateway } from './gateway/realtime.gateway';
import { NotificationResolver } from './notifications/notification.resolver';
import { NotificationService } from './notifications/notification.service';
import { DatabaseListener } from './outbox/database-listener';
import { EventFeed } from './outbox/event-feed';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * Realtime: the outbox every lib publishes its events to (in its own transactions), the relay that
 * publishes them in order, the socket gateway that delivers them to whom they concern — each read as
 * that recipient may read it — and the notification centre.
 *
 * It imports nothing of the libs that publish (referrals, cases, tasks …): they import it, and declare
 * how their records are read for an event's recipients with `provideEventSubject`.
 */
@Module({
  imports: [IdentityModule],
  providers: [Outbox, DatabaseListener, OutboxRelay, EventFeed, EventSubjects, RecipientReads, RealtimeGateway, NotificationService, NotificationResolver,
    {
      // The test harness pauses background work by this name (it stands below the domain libs).
      provide: 'REALTIME_BACKGROUND', inject: [OutboxRelay, EventFeed],
      useFactory: (relay: OutboxRelay, feed: EventFeed) => ({ whilePaused: <T>(measure: () => Promise<T>) => relay.whilePaused(() => feed.whilePaused(measure)) }),
    },
    {
      // The test harness reads an event's payload for a session by this name, as the gateway reads it for that session's socket.
      provide: 'REALTIME_EVENT_READS', inject: [RecipientReads, SessionChecks, EventSubjects],
      useFactory: (reads: RecipientReads, sessions: SessionChecks, subjects: EventSubjects) => ({
        document: (subjectType: string) => subjects.of(subjectType) ?? null,
        readFor: async (token: string, organisationId: string | undefined, subjectType: string, subjectId: string) =>
          reads.read((await sessions.admit(token, organisationId)).actor, { subjectType, subjectId, seq: 0 }),
      }),
    }],
  exports: [Outbox, EventSubjects, EventFeed, OutboxRelay, DatabaseListener, RealtimeGateway, 'REALTIME_BACKGROUND', 'REALTIME_EVENT_READS'],
})
export class RealtimeModule {}
