import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, GraphqlContext, requestLoader } from '@zhulian/core';
import { Case } from '../cases/case.type';
import { CaseAttachmentService } from './case-attachment.service';
import { CaseAttachment } from './case-attachment.type';

@Resolver(() => Case)
export class CaseAttachmentResolver {
  constructor(private readonly files: CaseAttachmentService) {}

  @ResolveField(() => [CaseAttachment], { nullable: true, description: 'The files kept with the case that you may read, oldest first (upload and download: /files).' })
  async attachments(@Parent() found: Case, @CurrentActor() actor: Actor, @Context() context: GraphqlContext) {
    return (await requestLoader(context.req, 'caseAttachments', (ids) => this.files.of(actor, ids)).load(found.id)) ?? [];
  }
}
