export function OrgTaskPage() {
  return null;
}
