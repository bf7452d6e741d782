import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionChoices } from '../regions';

type Props = Omit<SelectProps<string | string[]>, 'options' | 'mode' | 'showSearch'> & { multiple?: boolean };

/**
 * A place chosen by its name (朝阳区), as people know it, not by its 6-digit code: Beijing and its
 * districts, searched by name or code. A code from elsewhere in China can still be typed in full.
 * The form's value stays the code the API takes.
 */
export function RegionSelect({ multiple = false, value, ...props }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const options = useMemo(() => {
    const known = regionChoices(t);
    const chosen = (Array.isArray(value) ? value : value ? [value] : []).filter((code) => !known.some((o) => o.value === code));
    const extra = /^\d{6}$/.test(typed) && !known.some((o) => o.value === typed) ? [typed] : [];
    return [...known, ...[...new Set([...chosen, ...extra])].map((code) => ({ value: code, label: code }))];
  }, [t, typed, value]);
  return (
    <Select
      {...props}
      value={value}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ optionFilterProp: 'search', onSearch: setTyped }}
      allowClear
      options={options.map((o) => ({ ...o, search: `${o.label} ${o.value}` }))}
    />
  );
}
