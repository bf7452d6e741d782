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

/** The API's precise reason (`STALE_VERSION`, `CONSENT_REQUIRED`, …) of the first error, if any. */
export function errorReason(error: unknown): string | undefined {
  return apiErrors(error)[0]?.extensions?.reason;
}

/**
 * A message a person can act on, in their language: by the precise reason, else by the public code.
 * `context` names the screen when one reason means different things in different places (a missing
 * consent to assign a caseworker is not a missing consent to refer): `errors.inContext.<context>.<reason>` first.
 */
export function errorText(t: TFunction, error: unknown, context?: string): string {
  const [first] = apiErrors(error);
  if (!first) return t('errors.reason.NETWORK');
  const { code = 'INTERNAL', reason, requestId, retryAfterSeconds, found } = first.extensions ?? {};
  const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
  // What personal data a text carried (`PERSONAL_DATA_IN_TEXT`), in words: "ID numbers, phone numbers".
  const foundWords = (typeof found === 'string' ? found.split(',') : []).map((kind) => t(`errors.personalData.${kind}`, { defaultValue: kind }))
    .join(t('errors.listSeparator', { defaultValue: ', ' }));
  if (reason && reason !== 'INVALID_INPUT') {
    const inContext = context ? t(`errors.inContext.${context}.${reason}`, { minutes, found: foundWords, defaultValue: '' }) : '';
    if (inContext) return inContext;
    const key = `errors.reason.${reason}`;
    const text = t(key, { minutes, found: foundWords, defaultValue: '' });
    if (text) return text;
  }
  return t(`errors.code.${code}`, { requestId: requestId ?? '-', defaultValue: t('errors.code.INTERNAL', { requestId: requestId ?? '-' }) });
}

/**
 * Puts an error next to the field that caused it (`input.email` → the form's `email`), keeping what the
 * person typed. Returns false when the error belongs to no field of this form.
 */
export function showOnField(t: TFunction, form: FormInstance, error: unknown, fields: Record<string, string>, context?: string): boolean {
  const [first] = apiErrors(error);
  const field = first?.extensions?.field;
  const name = field ? fields[field] : undefined;
  if (!first || !name) return false;
  form.setFields([{ name, errors: [errorText(t, error, context)] }]);
  return true;
}
