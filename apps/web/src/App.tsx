import { Spin } from 'antd';
import { lazy, ReactNode, Suspense, useEffect } from 'react';
import { pageTitleKey } from './layout/page-title';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AppShell } from './layout/AppShell';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { AuditPage } from './pages/AuditPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { DirectoryPage } from './pages/DirectoryPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';
import { ReferralPage } from './pages/ReferralPage';
import { ReferralsPage } from './pages/ReferralsPage';
import { NewServicePage } from './pages/ServiceForm';
import { ServicePage } from './pages/ServicePage';
import { RegisterPersonPage } from './pages/RegisterPersonPage';
import { EditTaskPage, NewTaskPage } from './pages/org-tasks/TaskFormPage';
import { OrgTaskPage } from './pages/org-tasks/OrgTaskPage';
import { OrgTasksPage } from './pages/org-tasks/OrgTasksPage';
import { VolunteersPage } from './pages/org-tasks/VolunteersPage';
import { AlertPage } from './pages/insights/AlertPage';
import { AlertsPage } from './pages/insights/AlertsPage';
import { RulesPage } from './pages/insights/RulesPage';
import { SignalImportPage } from './pages/insights/SignalImportPage';
import { HoursPage, HoursStatementPage } from './pages/tasks/HoursPage';
import { MyTasksPage } from './pages/tasks/MyTasksPage';
import { ProfilePage } from './pages/tasks/ProfilePage';
import { TaskBoardPage } from './pages/tasks/TaskBoardPage';
import { TaskPage } from './pages/tasks/TaskPage';
import { useSession } from './session/SessionProvider';

// The region overview brings its charts (ECharts): loaded only by those who open it.
const DashboardPage = lazy(() => import('./pages/insights/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const IntakePage = lazy(() => import('./pages/insights/IntakePage').then((m) => ({ default: m.IntakePage })));

function SignedIn({ children, bare = false }: { children: ReactNode; bare?: boolean }) {
  const { t } = useTranslation();
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') {
    return <Spin fullscreen tip={t('app.loading')} />;
  }
  if (status === 'signedOut') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return bare ? children : <AppShell>{children}</AppShell>;
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

export function AppRoutes() {
  return (
    <>
    <DocumentTitle />
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The hours statement prints on its own, without the app's frame. */}
      <Route path="/hours/statement" element={<SignedIn bare><HoursStatementPage /></SignedIn>} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/" element={<SignedIn><HomePage /></SignedIn>} />
      <Route path="/members" element={<SignedIn><MembersPage /></SignedIn>} />
      <Route path="/people" element={<SignedIn><PeoplePage /></SignedIn>} />
      <Route path="/audit" element={<SignedIn><AuditPage /></SignedIn>} />
      <Route path="/people/new" element={<SignedIn><RegisterPersonPage /></SignedIn>} />
      <Route path="/people/:id" element={<SignedIn><PersonPage /></SignedIn>} />
      <Route path="/cases" element={<SignedIn><CasesPage /></SignedIn>} />
      <Route path="/cases/:id" element={<SignedIn><CasePage /></SignedIn>} />
      <Route path="/referrals" element={<SignedIn><ReferralsPage /></SignedIn>} />
      <Route path="/referrals/:id" element={<SignedIn><ReferralPage /></SignedIn>} />
      <Route path="/directory" element={<SignedIn><DirectoryPage /></SignedIn>} />
      <Route path="/directory/new" element={<SignedIn><NewServicePage /></SignedIn>} />
      <Route path="/directory/:id" element={<SignedIn><ServicePage /></SignedIn>} />
      <Route path="/tasks" element={<SignedIn><TaskBoardPage /></SignedIn>} />
      <Route path="/tasks/:id" element={<SignedIn><TaskPage /></SignedIn>} />
      <Route path="/my-tasks" element={<SignedIn><MyTasksPage /></SignedIn>} />
      <Route path="/hours" element={<SignedIn><HoursPage /></SignedIn>} />
      <Route path="/profile" element={<SignedIn><ProfilePage /></SignedIn>} />
      <Route path="/org-tasks" element={<SignedIn><OrgTasksPage /></SignedIn>} />
      <Route path="/org-tasks/new" element={<SignedIn><NewTaskPage /></SignedIn>} />
      <Route path="/org-tasks/:id" element={<SignedIn><OrgTaskPage /></SignedIn>} />
      <Route path="/org-tasks/:id/edit" element={<SignedIn><EditTaskPage /></SignedIn>} />
      <Route path="/volunteers" element={<SignedIn><VolunteersPage /></SignedIn>} />
      <Route path="/alerts" element={<SignedIn><AlertsPage /></SignedIn>} />
      <Route path="/alerts/rules" element={<SignedIn><RulesPage /></SignedIn>} />
      <Route path="/alerts/:id" element={<SignedIn><AlertPage /></SignedIn>} />
      <Route path="/signals" element={<SignedIn><SignalImportPage /></SignedIn>} />
      <Route path="/intake" element={<SignedIn><Suspense fallback={<Spin />}><IntakePage /></Suspense></SignedIn>} />
      <Route path="/oversight" element={<SignedIn><Suspense fallback={<Spin />}><DashboardPage /></Suspense></SignedIn>} />
      <Route path="*" element={<SignedIn><NotFoundPage /></SignedIn>} />
    </Routes>
    </>
  );
}
