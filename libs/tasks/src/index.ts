export * from './tasks.module';
export * from './tasks/task.type';
export * from './claims/claim.type';
export * from './volunteers/volunteer-profile.type';
export { ClaimService } from './claims/claim.service';
export { TaskService } from './tasks/task.service';
export { TaskDeadlines, TASK_DEADLINES_QUEUE } from './deadlines/task-deadlines';
export * from './handovers/handover.type';
export * from './demo/tasks-demo';
