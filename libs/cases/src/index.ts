export * from './cases.module';
export * from './cases/case.type';
export { CaseService } from './cases/case.service';
export { OpenCaseInput } from './dto/case.inputs';
export { CaseFacts } from './cases/case-facts';
export type { InactiveCaseFact } from './cases/case-facts';
export { CaseTimeline } from './cases/case-timeline';
export * from './notes/case-note.type';
export * from './attachments/case-attachment.type';
