export function VolunteersPage() {
  return null;
}
