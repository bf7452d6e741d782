import type { TFunction } from 'i18next';

/**
 * The audit trail in words: actions, kinds of record, field names and the rules that allowed an access
 * ("consent", "role:COORDINATOR", "registered-by-me", a comma-joined list for an export) as people say them.
 */
export function auditWords(t: TFunction) {
  return {
    action: (action: string) => t(`audit.actions.${action}`, { defaultValue: action }),
    subject: (type: string) => t(`audit.subjects.${type}`, { defaultValue: type }),
    field: (type: string, field: string) =>
      t(`audit.fieldNames.${type}.${field}`, { defaultValue: type === 'Person' ? t(`person.fields.${field}`, { defaultValue: field }) : field }),
    rule: (rule: string | null | undefined) => {
      if (!rule) return '—';
      return rule.split(',').map((part) => {
        const [kind, value] = part.split(':');
        if (kind === 'role' && value) return t('audit.rules.role', { role: t(`roles.${value}`, { defaultValue: value }) });
        if (kind === 'public') return t('audit.rules.public');
        return t(`audit.rules.${part}`, { defaultValue: part });
      }).join('；');
    },
  };
}
