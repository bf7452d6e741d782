import { CombinedGraphQLErrors } from '@apollo/client';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError, GraphqlRequestError } from './session/session-store';

/** The API's errors behind whatever the client threw (Apollo's or our own sign-in requests). */
export function apiErrors(error: unknown): ApiError[] {
  if (error instanceof GraphqlRequestError) return error.errors;
  if (CombinedGraphQLErrors.is(error)) return error.errors as ApiError[];
  return [];
}

/** A message a person can act on, in their language: by the precise reason, else by the public code. */
export function errorText(t: TFunction, error: unknown): string {
  const [first] = apiErrors(error);
  if (!first) return t('errors.reason.NETWORK');
  const { code = 'INTERNAL', reason, requestId, retryAfterSeconds } = first.extensions ?? {};
  const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
  if (reason && reason !== 'INVALID_INPUT') {
    const key = `errors.reason.${reason}`;
    const text = t(key, { minutes, defaultValue: '' });
    if (text) return text;
  }
  return t(`errors.code.${code}`, { requestId: requestId ?? '-', defaultValue: t('errors.code.INTERNAL', { requestId: requestId ?? '-' }) });
}

/**
 * Puts an error next to the field that caused it (`input.email` → the form's `email`), keeping what the
 * person typed. Returns false when the error belongs to no field of this form.
 */
export function showOnField(t: TFunction, form: FormInstance, error: unknown, fields: Record<string, string>): boolean {
  const [first] = apiErrors(error);
  const field = first?.extensions?.field;
  const name = field ? fields[field] : undefined;
  if (!first || !name) return false;
  form.setFields([{ name, errors: [errorText(t, error)] }]);
  return true;
}
