import {
  AlertOutlined, AppstoreOutlined, AuditOutlined, BarChartOutlined, CloudUploadOutlined, CarryOutOutlined, ClockCircleOutlined, EllipsisOutlined, FolderOpenOutlined, HeartOutlined, HomeOutlined, IdcardOutlined, LogoutOutlined, SafetyCertificateOutlined,
  SwapOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown, Grid, Layout, Menu, Skeleton, Space, Typography } from 'antd';
import { ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { OrganisationSwitch } from '../components/OrganisationSwitch';
import { ConnectionBanner } from '../realtime/ConnectionBanner';
import { NotificationBell } from '../realtime/NotificationBell';
import { useActing, useSession } from '../session/SessionProvider';
import { useSwitchOnArrival } from './organisation-switching';
import { canOpen } from './route-access';
import { useWorkCounts } from './work-counts';

const PHONE_BAR_ITEMS = 5;

function barItem(current: boolean) {
  return {
    flex: 1, minHeight: 56, display: 'flex', flexDirection: 'column' as const, alignItems: 'center', justifyContent: 'center', cursor: 'pointer',
    color: current ? '#1677ff' : '#595959',
  };
}

/** The sections of the menu, in its order; each is offered to those route-access.ts lets open it. */
export function useSections() {
  const { t } = useTranslation();
  const acting = useActing();
  // A volunteer's home is the task board; the rest of their menu is their own work.
  const sections = acting?.role === 'VOLUNTEER' ? [
    { key: '/', icon: <HeartOutlined />, label: t('nav.board') },
    { key: '/my-tasks', icon: <CarryOutOutlined />, label: t('nav.myTasks') },
    { key: '/hours', icon: <ClockCircleOutlined />, label: t('nav.hours') },
    { key: '/profile', icon: <UserOutlined />, label: t('nav.profile') },
  ] : [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    { key: '/people', icon: <IdcardOutlined />, label: t('nav.people') },
    { key: '/cases', icon: <FolderOpenOutlined />, label: t('nav.cases') },
    { key: '/referrals', icon: <SwapOutlined />, label: t('nav.referrals') },
    { key: '/directory', icon: <AppstoreOutlined />, label: t('nav.directory') },
    { key: '/alerts', icon: <AlertOutlined />, label: t('nav.alerts') },
    { key: '/oversight', icon: <BarChartOutlined />, label: t('nav.oversight') },
    { key: '/signals', icon: <CloudUploadOutlined />, label: t('nav.signals') },
    { key: '/org-tasks', icon: <HeartOutlined />, label: t('nav.orgTasks') },
    { key: '/volunteers', icon: <SafetyCertificateOutlined />, label: t('nav.volunteers') },
    { key: '/members', icon: <TeamOutlined />, label: t('nav.members') },
    { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
  ];
  return sections.filter((s) => canOpen(s.key, acting));
}

/**
 * The frame every screen lives in: on a desk, a side menu; on a phone, a bottom bar within reach of
 * one thumb, and the header keeps only what fits.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // The whole menu item navigates, not only its text (a tap on its padding did nothing); a tap on the text is the link's own.
  const onMenuClick = ({ key, domEvent }: { key: string; domEvent: { target: EventTarget } }) => {
    if (!(domEvent.target instanceof Element && domEvent.target.closest('a'))) navigate(key);
  };
  const sections = useSections();
  const switching = useSwitchOnArrival();
  const counts = useWorkCounts();
  /** A section's link with what waits in it: the link keeps its name; the count is its description (read out after it). */
  const link = (key: string, label: ReactNode) => (counts[key] ? (
    <Link to={key} aria-description={t('nav.waiting', { count: counts[key] })}>
      <Space size={6}>{label}<span aria-hidden="true"><Badge count={counts[key]} overflowCount={99} size="small" data-testid={`nav-count-${key.slice(1)}`} /></span></Space>
    </Link>
  ) : <Link to={key}>{label}</Link>);
  const selected = sections.find((s) => s.key !== '/' && pathname.startsWith(s.key))?.key ?? '/';
  // A phone's bar holds five within a thumb's reach; the rest go under "more".
  const barSections = sections.length > PHONE_BAR_ITEMS ? sections.slice(0, PHONE_BAR_ITEMS - 1) : sections;
  const moreSections = sections.slice(barSections.length);
  // A new page starts the keyboard at the top, as a page load does: the next Tab reaches "skip to content",
  // not whatever followed the link that was pressed on the page before.
  const top = useRef<HTMLSpanElement>(null);
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    // A page that put the focus somewhere in itself (a form's first field) keeps it.
    const focused = document.activeElement;
    const inPage = !!focused && focused.isConnected && focused !== document.body && !!document.getElementById('main-content')?.contains(focused);
    if (!inPage) top.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <span ref={top} tabIndex={-1} style={{ outline: 'none' }} />
      <a href="#main-content" className="skip-link" data-testid="skip-link">{t('nav.skipToContent')}</a>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: phone ? 12 : 24, background: '#fff', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          <Link to="/">{t('app.name')}</Link>
        </Typography.Title>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', justifyContent: phone ? 'flex-start' : 'center' }}>
          <OrganisationSwitch />
        </div>
        <Space size={phone ? 0 : 'small'}>
          <NotificationBell />
          <LanguageSwitch />
          {!phone && <Typography.Text data-testid="user-name">{user?.displayName}</Typography.Text>}
          <Button type="text" icon={<LogoutOutlined />} onClick={() => void signOut()} aria-label={t('nav.signOut')} data-testid="sign-out">
            {phone ? null : t('nav.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <Menu mode="inline" selectedKeys={[selected]} onClick={onMenuClick} items={sections.map((s) => ({ ...s, label: link(s.key, s.label) }))} />
          </Layout.Sider>
        )}
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: phone ? 12 : 24, paddingBottom: phone ? 80 : 24, outline: 'none' }}>
          <ConnectionBanner />
          {switching ? <Skeleton active paragraph={{ rows: 6 }} /> : children}
        </Layout.Content>
      </Layout>
      {phone && (
        <nav
          aria-label={t('nav.menu')}
          style={{ position: 'fixed', bottom: 0, left: 0, right: 0, display: 'flex', background: '#fff', borderTop: '1px solid #f0f0f0', paddingBottom: 'env(safe-area-inset-bottom)' }}
        >
          {barSections.map((s) => (
            <Link key={s.key} to={s.key} aria-current={s.key === selected ? 'page' : undefined} style={barItem(s.key === selected)}
              aria-description={counts[s.key] ? t('nav.waiting', { count: counts[s.key] }) : undefined}>
              <span aria-hidden="true"><Badge count={counts[s.key] ?? 0} overflowCount={99} size="small" offset={[4, 0]}><span style={{ fontSize: 20 }}>{s.icon}</span></Badge></span>
              <span style={{ fontSize: 12 }}>{s.label}</span>
            </Link>
          ))}
          {moreSections.length > 0 && (
            <Dropdown
              trigger={['click']}
              placement="topRight"
              menu={{ selectedKeys: [selected], onClick: onMenuClick, items: moreSections.map((s) => ({ key: s.key, icon: s.icon, label: link(s.key, s.label) })) }}
            >
              <button type="button" aria-label={t('nav.more')} data-testid="nav-more"
                style={{ ...barItem(moreSections.some((s) => s.key === selected)), border: 'none', background: 'none', padding: 0, font: 'inherit' }}>
                <span style={{ fontSize: 20 }}><EllipsisOutlined /></span>
                <span style={{ fontSize: 12 }}>{t('nav.more')}</span>
              </button>
            </Dropdown>
          )}
        </nav>
      )}
    </Layout>
  );
}
