import { Skeleton, Spin } from 'antd';
import { ComponentType, lazy, LazyExoticComponent, ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouteObject, useLocation } from 'react-router-dom';
import { AppShell } from './layout/AppShell';
import { pageTitleKey } from './layout/page-title';
import { LoginPage } from './pages/LoginPage';
import { RealtimeProvider } from './realtime/RealtimeProvider';
import { SessionProvider, useSession } from './session/SessionProvider';

/**
 * Each page is its own chunk, fetched when first opened: the sign-in page and the app's frame load
 * without the code of forty screens. `name` is the module's export.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

const HomePage = page(() => import('./pages/HomePage'), 'HomePage');
const AcceptInvitationPage = page(() => import('./pages/AcceptInvitationPage'), 'AcceptInvitationPage');
const AuditPage = page(() => import('./pages/AuditPage'), 'AuditPage');
const CasePage = page(() => import('./pages/CasePage'), 'CasePage');
const CasesPage = page(() => import('./pages/CasesPage'), 'CasesPage');
const DirectoryPage = page(() => import('./pages/DirectoryPage'), 'DirectoryPage');
const MembersPage = page(() => import('./pages/MembersPage'), 'MembersPage');
const NotFoundPage = page(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const PeoplePage = page(() => import('./pages/PeoplePage'), 'PeoplePage');
const PersonPage = page(() => import('./pages/PersonPage'), 'PersonPage');
const ReferralPage = page(() => import('./pages/ReferralPage'), 'ReferralPage');
const ReferralsPage = page(() => import('./pages/ReferralsPage'), 'ReferralsPage');
const NewServicePage = page(() => import('./pages/ServiceForm'), 'NewServicePage');
const ServicePage = page(() => import('./pages/ServicePage'), 'ServicePage');
const RegisterPersonPage = page(() => import('./pages/RegisterPersonPage'), 'RegisterPersonPage');
const NewTaskPage = page(() => import('./pages/org-tasks/TaskFormPage'), 'NewTaskPage');
const EditTaskPage = page(() => import('./pages/org-tasks/TaskFormPage'), 'EditTaskPage');
const OrgTaskPage = page(() => import('./pages/org-tasks/OrgTaskPage'), 'OrgTaskPage');
const OrgTasksPage = page(() => import('./pages/org-tasks/OrgTasksPage'), 'OrgTasksPage');
const VolunteersPage = page(() => import('./pages/org-tasks/VolunteersPage'), 'VolunteersPage');
const AlertPage = page(() => import('./pages/insights/AlertPage'), 'AlertPage');
const AlertsPage = page(() => import('./pages/insights/AlertsPage'), 'AlertsPage');
const RulesPage = page(() => import('./pages/insights/RulesPage'), 'RulesPage');
const SignalImportPage = page(() => import('./pages/insights/SignalImportPage'), 'SignalImportPage');
const DashboardPage = page(() => import('./pages/insights/DashboardPage'), 'DashboardPage');
const IntakePage = page(() => import('./pages/insights/IntakePage'), 'IntakePage');
const HoursPage = page(() => import('./pages/tasks/HoursPage'), 'HoursPage');
const HoursStatementPage = page(() => import('./pages/tasks/HoursPage'), 'HoursStatementPage');
const MyTasksPage = page(() => import('./pages/tasks/MyTasksPage'), 'MyTasksPage');
const ProfilePage = page(() => import('./pages/tasks/ProfilePage'), 'ProfilePage');
const TaskBoardPage = page(() => import('./pages/tasks/TaskBoardPage'), 'TaskBoardPage');
const TaskPage = page(() => import('./pages/tasks/TaskPage'), 'TaskPage');

/** While a page's code arrives: the shape of a page, never an empty or "nothing here" message. */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-label={t('app.loading')} data-testid="page-skeleton">
      <Skeleton active title={{ width: '30%' }} paragraph={{ rows: 6 }} />
    </div>
  );
}

function SignedIn({ children, bare = false }: { children: ReactNode; bare?: boolean }) {
  const { t } = useTranslation();
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') {
    return <Spin fullscreen tip={t('app.loading')} />;
  }
  if (status === 'signedOut') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const content = <Suspense fallback={<PageSkeleton />}>{children}</Suspense>;
  return bare ? content : <AppShell>{content}</AppShell>;
}

/** The browser tab names the page (and the app), in the reader's language. */
function DocumentTitle() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = `${t(pageTitleKey(pathname))} · ${t('app.name')}`;
  }, [pathname, t]);
  return null;
}

/** What every page sits in: the session, live updates and the tab's title. */
function Frame() {
  return (
    <SessionProvider>
      <RealtimeProvider>
        <DocumentTitle />
        <Outlet />
      </RealtimeProvider>
    </SessionProvider>
  );
}

const signedIn = (path: string, Page: ComponentType): RouteObject => ({ path, element: <SignedIn><Page /></SignedIn> });

export const routes: RouteObject[] = [
  {
    element: <Frame />,
    children: [
      { path: '/login', element: <LoginPage /> },
      // The hours statement prints on its own, without the app's frame.
      { path: '/hours/statement', element: <SignedIn bare><HoursStatementPage /></SignedIn> },
      { path: '/accept-invitation', element: <Suspense fallback={<PageSkeleton />}><AcceptInvitationPage /></Suspense> },
      signedIn('/', HomePage),
      signedIn('/members', MembersPage),
      signedIn('/people', PeoplePage),
      signedIn('/audit', AuditPage),
      signedIn('/people/new', RegisterPersonPage),
      signedIn('/people/:id', PersonPage),
      signedIn('/cases', CasesPage),
      signedIn('/cases/:id', CasePage),
      signedIn('/referrals', ReferralsPage),
      signedIn('/referrals/:id', ReferralPage),
      signedIn('/directory', DirectoryPage),
      signedIn('/directory/new', NewServicePage),
      signedIn('/directory/:id', ServicePage),
      signedIn('/tasks', TaskBoardPage),
      signedIn('/tasks/:id', TaskPage),
      signedIn('/my-tasks', MyTasksPage),
      signedIn('/hours', HoursPage),
      signedIn('/profile', ProfilePage),
      signedIn('/org-tasks', OrgTasksPage),
      signedIn('/org-tasks/new', NewTaskPage),
      signedIn('/org-tasks/:id', OrgTaskPage),
      signedIn('/org-tasks/:id/edit', EditTaskPage),
      signedIn('/volunteers', VolunteersPage),
      signedIn('/alerts', AlertsPage),
      signedIn('/alerts/rules', RulesPage),
      signedIn('/alerts/:id', AlertPage),
      signedIn('/signals', SignalImportPage),
      signedIn('/intake', IntakePage),
      signedIn('/oversight', DashboardPage),
      signedIn('*', NotFoundPage),
    ],
  },
];

/**
 * A data router, so a form with unsaved changes can hold a navigation until the user decides
 * (`useBlocker`).
 */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
