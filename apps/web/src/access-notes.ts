import { ApolloLink } from '@apollo/client';
import { map } from 'rxjs';

export interface Denial {
  path: string;
  reason: string;
}

/**
 * The fields the API withheld in the latest answer to each operation (`extensions.access.denied`), so a
 * screen can show a lock and say why instead of an empty value that looks like "not recorded".
 */
const denied = new Map<string, Denial[]>();

export const accessNotesLink = new ApolloLink((operation, forward) =>
  forward(operation).pipe(
    map((result) => {
      const access = (result.extensions as { access?: { denied?: Denial[] } } | undefined)?.access;
      denied.set(operation.operationName ?? '', access?.denied ?? []);
      return result;
    }),
  ),
);

/** Whether `field` of the object at `path` (e.g. `person`) was withheld in the operation's last answer. */
export function isWithheld(operationName: string, path: string, field: string): boolean {
  return (denied.get(operationName) ?? []).some((d) => d.path === `${path}.${field}`);
}
