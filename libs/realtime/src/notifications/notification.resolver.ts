import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, Connection, CurrentActor } from '@zhulian/core';
import { MarkNotificationsReadInput, Notification, NotificationArgs, NotificationConnection, NotificationPreference, NotificationPreferenceInput } from './notification.type';
import { NotificationService } from './notification.service';

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(@CurrentActor() actor: Actor, @Args() args: NotificationArgs): Promise<Connection<Notification>> {
    return this.service.list(actor, args);
  }

  @Query(() => Int, { description: 'How many of your notifications you have not read.' })
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Query(() => [NotificationPreference], { description: 'Which kinds of event you are notified of.' })
  notificationPreferences(@CurrentActor() actor: Actor): Promise<NotificationPreference[]> {
    return this.service.preferences(actor);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many were unread.' })
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('input') input: MarkNotificationsReadInput): Promise<number> {
    return this.service.markRead(actor, input);
  }

  @Mutation(() => NotificationPreference, { description: 'Mutes or unmutes notifications of one kind.' })
  setNotificationPreference(@CurrentActor() actor: Actor, @Args('input') input: NotificationPreferenceInput): Promise<NotificationPreference> {
    return this.service.setPreference(actor, input);
  }
}
