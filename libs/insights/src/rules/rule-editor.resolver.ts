import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@zhulian/core';
import { InsightRule } from './insight-rule.type';
import { RuleEditor, SaveInsightRuleVersionInput } from './rule-editor';

@Resolver(() => InsightRule)
export class RuleEditorResolver {
  constructor(private readonly editor: RuleEditor) {}

  @Query(() => [String], { description: 'The regions whose early-warning rules you may tune (empty for most).' })
  insightRuleRegions(@CurrentActor() actor: Actor) {
    return this.editor.regions(actor);
  }

  @Mutation(() => InsightRule, { description: 'The coordinators of a region’s top civil-affairs office: tune or retire an early-warning rule for their region (a new version).' })
  saveInsightRuleVersion(@CurrentActor() actor: Actor, @Args('input') input: SaveInsightRuleVersionInput) {
    return this.editor.saveVersion(actor, input);
  }
}
