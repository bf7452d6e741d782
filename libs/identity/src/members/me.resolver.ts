import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext, notFound, viewerIdOf } from '@zhulian/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { MemberService } from './member.service';
import { viewerOf } from '../auth/viewer';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly members: MemberService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Query(() => User, { description: 'The signed-in user, with their organisations and roles.' })
  async me(@CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    const user = viewerOf(context.req)?.user ?? (await this.db.getRepository(User).findOneBy({ id: actor.userId }));
    if (!user) throw notFound('USER_NOT_FOUND', 'Your account no longer exists.');
    return user;
  }

  @ResolveField(() => [Membership], { description: 'Only on your own account; empty for anyone else.' })
  memberships(@Parent() user: User, @Context() context: GraphqlContext) {
    if (viewerIdOf(context.req) !== user.id) return [];
    const viewer = viewerOf(context.req);
    return viewer?.user.id === user.id ? viewer.memberships : this.members.ofUser(user.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'Personal data: visible on your own account only.' })
  phone(@Parent() user: User, @Context() context: GraphqlContext) {
    return viewerIdOf(context.req) === user.id ? user.phone : null;
  }
}
