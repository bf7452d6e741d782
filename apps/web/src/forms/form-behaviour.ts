import type { FormInstance, FormProps } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { apiErrors, errorText } from '../errors';
import { useUnsavedChanges } from './unsaved-changes';

type Name = string | number | (string | number)[];

/** Where the first error is brought: the middle of the screen (clear of a phone's bottom bar), its field focused. */
const TO_FIELD = { behavior: 'smooth', block: 'center', focus: true } as const;

/**
 * How every form of the app checks what is typed: a field as the person leaves it, every field at once
 * on submit, and the page brought to the first one at fault. Spread on each `<Form>`.
 */
export const FIELD_CHECKS: Pick<FormProps, 'validateTrigger' | 'scrollToFirstError'> = {
  validateTrigger: 'onBlur',
  scrollToFirstError: TO_FIELD,
};

/** After a step's own check (`validateFields` outside a submit): the page to its first field at fault. */
export function scrollToFirstError(form: FormInstance, failure: unknown): void {
  const first = (failure as { errorFields?: { name: (string | number)[] }[] } | null)?.errorFields?.[0];
  if (first) form.scrollToField(first.name as never, TO_FIELD);
}

/** The page to a field, once what was just set on it has been drawn. */
export function scrollToFieldSoon(form: FormInstance, name: Name): void {
  requestAnimationFrame(() => form.scrollToField(name as never, TO_FIELD));
}

/**
 * Puts the API's refusal at the field it names (`input.idNumber` → `idNumber`, a path for a nested one),
 * keeping what was typed, and brings the page there. False when the error names no field of this form:
 * the caller shows it above the form instead.
 */
export function showAtField(t: TFunction, form: FormInstance, error: unknown, fields: Record<string, Name> | ((path: string) => Name | null | undefined), context?: string): boolean {
  const path = apiErrors(error)[0]?.extensions?.field;
  if (!path) return false;
  const name = typeof fields === 'function' ? fields(path) : fields[path];
  if (name === undefined || name === null) return false;
  // A field the form does not show now (a step not on screen, a part switched off) cannot carry it.
  if (form.getFieldInstance(name as never) === undefined && !document.getElementById(fieldId(form, name))) return false;
  form.setFields([{ name: name as never, errors: [errorText(t, error, context)] }]);
  // After the error has been drawn (it moves what follows down): then to the field.
  scrollToFieldSoon(form, name);
  return true;
}

/** antd's id of a field's input: the form's name, if any, then the name's parts joined with `_`. */
function fieldId(form: FormInstance, name: Name): string {
  const parts = Array.isArray(name) ? name : [name];
  const formName = (form as FormInstance & { __INTERNAL__?: { name?: string } }).__INTERNAL__?.name;
  return [formName, ...parts].filter((p) => p !== undefined && p !== '').join('_');
}

/**
 * An editing form's whole behaviour: the checks above, a field already showing an error checked again as
 * it is corrected (not only when left), and the unsaved-changes guard. Spread `formProps` on the `<Form>`;
 * call `saved()` once the save succeeded, before navigating away.
 */
export function useEditingForm(form: FormInstance, extraDirty = false) {
  const unsaved = useUnsavedChanges(extraDirty);
  const { onValuesChange: markChanged } = unsaved;
  const onValuesChange = useCallback((changed: Record<string, unknown>) => {
    markChanged();
    const withErrors = form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => f.name);
    const touched = withErrors.filter((name) => startsWithChanged(name, changed));
    if (touched.length > 0) form.validateFields(touched).catch(() => undefined);
  }, [form, markChanged]);
  return { formProps: { ...FIELD_CHECKS, onValuesChange }, saved: unsaved.saved, dirty: unsaved.dirty };
}

/** Whether a field's name path lies under the values that just changed (`{ members: [, { idNumber }] }` holds `members.1.idNumber`). */
function startsWithChanged(name: (string | number)[], changed: unknown): boolean {
  let at: unknown = changed;
  for (const part of name) {
    if (at === null || typeof at !== 'object' || !(part in (at as object))) return false;
    at = (at as Record<string | number, unknown>)[part];
    if (at === undefined) return false;
  }
  return true;
}
