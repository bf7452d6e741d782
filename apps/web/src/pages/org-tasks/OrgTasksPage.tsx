export function OrgTasksPage() {
  return null;
}
