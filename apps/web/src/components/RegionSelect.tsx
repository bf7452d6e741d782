import { Select, Space } from 'antd';
import type { SelectProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../forms/field-checks';
import { allStreetChoices, regionChoices, streetChoices } from '../regions';

type Props = Omit<SelectProps<string | string[]>, 'options' | 'mode' | 'showSearch'> & { multiple?: boolean };

/**
 * A place chosen by its name (朝阳区, then 建外街道), as people know it, not by its 6- or 9-digit code:
 * Beijing and its districts, searched by name or code, then, optionally, a street of the district chosen.
 * A code from elsewhere in China can still be typed in full. The form's value stays the code the API
 * takes: the street's when one is chosen, else the district's. With `multiple`, one list of districts and
 * streets (朝阳区建外街道), searched by name.
 */
export function RegionSelect({ multiple = false, value, onChange, defaultValue, ...props }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const options = useMemo(() => {
    const known = multiple ? [...regionChoices(t), ...allStreetChoices(t)] : regionChoices(t);
    const chosen = (Array.isArray(value) ? value : value ? [value] : [])
      .map((code) => (multiple || code.length !== 9 ? code : code.slice(0, 6)))
      .filter((code) => !known.some((o) => o.value === code));
    const extra = REGION_CODE_PATTERN.test(typed) && !known.some((o) => o.value === typed) ? [typed] : [];
    return [...known, ...[...new Set([...chosen, ...extra])].map((code) => ({ value: code, label: code }))];
  }, [t, typed, value, multiple]);
  const search = options.map((o) => ({ ...o, search: `${o.label} ${o.value}` }));
  if (multiple) {
    return <Select {...props} defaultValue={defaultValue} value={value} onChange={onChange} mode="multiple" showSearch={{ optionFilterProp: 'search', onSearch: setTyped }} allowClear options={search} />;
  }

  const code = typeof value === 'string' ? value : undefined;
  const streets = streetChoices(code?.slice(0, 6) ?? '');
  const district = code && code.length === 9 && streets.length > 0 ? code.slice(0, 6) : code;
  const street = code && code.length === 9 && streets.length > 0 ? code : undefined;
  const change = (next: string | undefined) => (onChange as ((v: string | undefined) => void) | undefined)?.(next);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select<string>
        {...(props as SelectProps<string>)}
        value={district}
        onChange={(next?: string) => change(next)}
        showSearch={{ optionFilterProp: 'search', onSearch: setTyped }}
        allowClear
        options={search}
        style={{ width: streets.length > 0 ? '50%' : '100%' }}
      />
      {streets.length > 0 && (
        <Select<string>
          value={street}
          onChange={(next?: string) => change(next ?? district)}
          showSearch={{ optionFilterProp: 'search' }}
          allowClear
          placeholder={t('regionStreetPick')}
          aria-label={t('regionStreetPick')}
          data-testid="region-street"
          options={streets.map((o) => ({ ...o, search: `${o.label} ${o.value}` }))}
          style={{ width: '50%' }}
        />
      )}
    </Space.Compact>
  );
}
