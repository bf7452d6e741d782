export * from './insights.module';
export * from './alerts/insight-alert.type';
export * from './rules/insight-rule.type';
export { InsightAlertService } from './alerts/insight-alert.service';
export { EvaluationResult, InsightEvaluation } from './evaluation/insight-evaluation';
export { EVALUATION_QUEUE } from './evaluation/insight-jobs';
export { seedInsightsDemo } from './demo/insights-demo';
