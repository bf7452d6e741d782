import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisationSwitch } from '../layout/organisation-switching';
import { useActing, useSession } from '../session/SessionProvider';

/** Shown when the person belongs to several organisations: which one they act for now. */
export function OrganisationSwitch() {
  const { t } = useTranslation();
  const { activeMemberships } = useSession();
  const switchTo = useOrganisationSwitch();
  const acting = useActing();
  if (activeMemberships.length < 2 || !acting) return null;
  return (
    <Select
      aria-label={t('org.switch')}
      data-testid="organisation-switch"
      value={acting.organisation.id}
      onChange={(id: string) => switchTo(id)}
      options={activeMemberships.map((m) => ({ value: m.organisation.id, label: `${m.organisation.name} · ${t(`roles.${m.role}`)}` }))}
      style={{ maxWidth: 320, minWidth: 160 }}
      popupMatchSelectWidth={false}
    />
  );
}
