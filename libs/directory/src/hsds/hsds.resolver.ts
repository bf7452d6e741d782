import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { requestAccess } from '@zhulian/access';
import { Actor, CurrentActor, GraphqlContext } from '@zhulian/core';
import { HsdsExportService } from './hsds-export.service';
import { HsdsImportService } from './hsds-import.service';
import { ExportHsdsArgs, HsdsCsvFile, HsdsImportReport, ImportHsdsArgs, ImportHsdsCsvArgs } from './hsds.types';

@Resolver()
export class HsdsResolver {
  constructor(
    private readonly exports: HsdsExportService,
    private readonly imports: HsdsImportService,
  ) {}

  @Query(() => String, { description: 'An organisation’s services (yours when none is named) as Open Referral HSDS 3.x JSON: an array of service objects. Confidential places come without their whereabouts unless you may see them; audited as an export.' })
  exportHsds(@CurrentActor() actor: Actor, @Context() context: GraphqlContext, @Args() args: ExportHsdsArgs) {
    return this.exports.json(actor, requestAccess(context.req), args.organisationId);
  }

  @Query(() => [HsdsCsvFile], { description: 'The same as exportHsds, in HSDS’s tabular form: one CSV file per table (services.csv, locations.csv, service_at_locations.csv, schedules.csv, service_capacity.csv, …).' })
  exportHsdsCsv(@CurrentActor() actor: Actor, @Context() context: GraphqlContext, @Args() args: ExportHsdsArgs) {
    return this.exports.csv(actor, requestAccess(context.req), args.organisationId);
  }

  @Mutation(() => HsdsImportReport, { description: 'Admins and coordinators: import services of your organisation from HSDS 3.x JSON, one batch per call. Each row is checked and written on its own; a service already imported (same HSDS id) is updated, or left as it is when nothing changed. Services not in the batch are left alone: an import never removes one.' })
  importHsds(@CurrentActor() actor: Actor, @Args() args: ImportHsdsArgs) {
    return this.imports.importJson(actor, args.json, args.dryRun ?? false);
  }

  @Mutation(() => HsdsImportReport, { description: 'The same as importHsds, from HSDS’s CSV tables (services.csv and the tables that refer to its services).' })
  importHsdsCsv(@CurrentActor() actor: Actor, @Args() args: ImportHsdsCsvArgs) {
    return this.imports.importCsv(actor, args.files, args.dryRun ?? false);
  }
}
