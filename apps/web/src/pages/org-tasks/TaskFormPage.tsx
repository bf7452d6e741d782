export function NewTaskPage() {
  return null;
}

export function EditTaskPage() {
  return null;
}
