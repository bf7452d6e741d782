import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { DirectoryModule } from '@zhulian/directory';
import { providePersonReference, RegistryModule } from '@zhulian/registry';
import './alerts/insight-alert.rules';
import { InsightAlertResolver } from './alerts/insight-alert.resolver';
import { InsightAlertService } from './alerts/insight-alert.service';
import { InsightEvaluation } from './evaluation/insight-evaluation';
import { InsightJobs } from './evaluation/insight-jobs';
import { RuleBook } from './rules/rule-book';
import { SignalImportResolver } from './signals/signal-import.resolver';
import { SignalImportService } from './signals/signal-import.service';
import { IdentityModule } from '@zhulian/identity';
import { ReferralsModule } from '@zhulian/referrals';
import { TasksModule } from '@zhulian/tasks';
import { RegionDashboardResolver } from './oversight/region-dashboard.resolver';
import { RegionDashboardService } from './oversight/region-dashboard.service';
import { IntakeResolver } from './intake/intake.resolver';
import { IntakeService } from './intake/intake.service';
import { RuleEditor } from './rules/rule-editor';
import { RuleEditorResolver } from './rules/rule-editor.resolver';

/**
 * The assistance brain: early-warning rules kept as data, evaluated over what the alliance's members hold
 * (through the registry's and the cases lib's facts), and the alerts they raise for the coordinators of
 * the organisation holding each person.
 */
@Module({
  imports: [AccessModule, IdentityModule, RegistryModule, CasesModule, ReferralsModule, DirectoryModule, TasksModule],
  providers: [
    // A merged person's alerts, intakes and imported signals follow them to the record that stays.
    providePersonReference('insight_alerts', 'person_id'), providePersonReference('one_stop_intakes', 'person_id'), providePersonReference('person_signals', 'person_id'),
    RuleBook, InsightEvaluation, InsightJobs, InsightAlertService, InsightAlertResolver, SignalImportService, SignalImportResolver, RegionDashboardService, RegionDashboardResolver,
    IntakeService, IntakeResolver, RuleEditor, RuleEditorResolver],
  exports: [InsightEvaluation, InsightAlertService],
})
export class InsightsModule {}
