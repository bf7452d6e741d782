import { Button, Result, Space } from 'antd';
import { ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { releaseFirstScreen } from '../first-screen';
import { useActing, useSession } from '../session/SessionProvider';
import { canOpen } from './route-access';

/**
 * A page the acting role may not open (typed in, or a link from elsewhere) says so, before it asks the
 * API anything: no raw refusal, no list that can only ever be empty. Where another of the person's
 * memberships may open it, one click switches to that one.
 */
export function RoleGuard({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const acting = useActing();
  if (canOpen(pathname, acting)) return <>{children}</>;
  return <NotForRole />;
}

function NotForRole() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const acting = useActing();
  const { activeMemberships, switchOrganisation } = useSession();
  const others = activeMemberships.filter((m) => m.organisation.id !== acting?.organisation.id && canOpen(pathname, m));
  useEffect(releaseFirstScreen, []);
  return (
    <Result
      status="403"
      data-testid="not-for-role"
      title={<span role="heading" aria-level={1}>{t('forRole.title')}</span>}
      subTitle={acting ? t('forRole.explain', { role: t(`roles.${acting.role}`), organisation: acting.organisation.name }) : t('forRole.noMembership')}
      extra={(
        <Space wrap style={{ justifyContent: 'center' }}>
          {others.map((m) => (
            <Button key={m.organisation.id} onClick={() => void switchOrganisation(m.organisation.id)} data-testid={`not-for-role-switch-${m.organisation.id}`}>
              {t('forRole.switchTo', { organisation: m.organisation.name, role: t(`roles.${m.role}`) })}
            </Button>
          ))}
          <Link to="/"><Button type="primary" data-testid="not-for-role-home">{t('forRole.home')}</Button></Link>
        </Space>
      )}
    />
  );
}
