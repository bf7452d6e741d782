import type { FormInstance, FormProps } from 'antd';
import type { TFunction } from 'i18next';
import { apiErrors, errorText } from '../errors';

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
  requestAnimationFrame(() => form.scrollToField(name as never, TO_FIELD));
  return true;
}

/** antd's id of a field's input: the form's name, if any, then the name's parts joined with `_`. */
function fieldId(form: FormInstance, name: Name): string {
  const parts = Array.isArray(name) ? name : [name];
  const formName = (form as FormInstance & { __INTERNAL__?: { name?: string } }).__INTERNAL__?.name;
  return [formName, ...parts].filter((p) => p !== undefined && p !== '').join('_');
}
