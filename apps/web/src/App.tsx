import { Skeleton } from 'antd';
import { ComponentType, createElement, lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, matchRoutes, Navigate, Outlet, RouteObject, ScrollRestoration, useLocation, useMatches } from 'react-router-dom';
import { firstScreenPath, releaseFirstScreen } from './first-screen';
import { pageTitleKey } from './layout/page-title';
import { ShellSkeleton } from './layout/ShellSkeleton';
import { LoginPage } from './pages/sign-in/LoginPage';
import { SessionProvider, useSession } from './session/SessionProvider';

type Chunked<P> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * A component whose code is a chunk of its own, fetched when first rendered, or ahead with `preload()` (a
 * second import of the same module is the same request). Once the code is in it renders at once, where
 * React.lazy would still suspend for a turn: a skeleton and one more render, which a phone's CPU feels.
 */
function chunked<P extends object, M>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>): Chunked<P> {
  let loaded: ComponentType<P> | undefined;
  const preload = () => load().then((module) => (loaded = pick(module)));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Chunk(props: P) {
    // Chosen once per instance: trading the lazy wrapper for the component later would remount the page.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return createElement(Component, props);
  }
  return Object.assign(Chunk, { preload });
}

type Page = Chunked<object>;

/**
 * Each page is its own chunk, fetched when first opened: the sign-in page and the app's frame load
 * without the code of forty screens. `name` is the module's export. Its route preloads it (`handle.preload`),
 * so a page's code travels while the session is being checked instead of after.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): Page {
  return chunked(load, (module) => module[name] as ComponentType);
}

const loadFrame = () => import('./layout/SignedInFrame');
/** Live updates and the menus: only a signed-in person's pages need them. */
const SignedInFrame = chunked(loadFrame, (module) => module.SignedInFrame);

/** Runs `load` once the browser has nothing more urgent to do (at the latest after two seconds). */
function whenIdle<T>(load: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = () => load().then(resolve, reject);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 });
    else setTimeout(run, 500);
  });
}

const HomePage = page(() => import('./pages/home/HomePage'), 'HomePage');
const AcceptInvitationPage = page(() => import('./pages/sign-in/AcceptInvitationPage'), 'AcceptInvitationPage');
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage');
const CasePage = page(() => import('./pages/cases/CasePage'), 'CasePage');
const CasesPage = page(() => import('./pages/cases/CasesPage'), 'CasesPage');
const DirectoryPage = page(() => import('./pages/directory/DirectoryPage'), 'DirectoryPage');
const MembersPage = page(() => import('./pages/members/MembersPage'), 'MembersPage');
const NotFoundPage = page(() => import('./pages/home/NotFoundPage'), 'NotFoundPage');
const PeoplePage = page(() => import('./pages/people/PeoplePage'), 'PeoplePage');
const PersonPage = page(() => import('./pages/people/PersonPage'), 'PersonPage');
const ReferralPage = page(() => import('./pages/referrals/ReferralPage'), 'ReferralPage');
const ReferralsPage = page(() => import('./pages/referrals/ReferralsPage'), 'ReferralsPage');
const NewServicePage = page(() => import('./pages/directory/ServiceForm'), 'NewServicePage');
const ServicePage = page(() => import('./pages/directory/ServicePage'), 'ServicePage');
const RegisterPersonPage = page(() => import('./pages/people/RegisterPersonPage'), 'RegisterPersonPage');
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

/**
 * The signed-in pages' gate and frame. While the session is checked, and while the frame's code arrives,
 * the frame's skeleton (the same one index.html paints); then the menus, with the page's skeleton until the
 * page's code is there. `bare` pages (a printable statement) go without menus.
 */
function SignedIn({ bare = false }: { bare?: boolean }) {
  const { status } = useSession();
  const location = useLocation();
  const waiting = bare ? <PageSkeleton /> : <ShellSkeleton />;
  if (status === 'loading') return waiting;
  if (status === 'signedOut') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <Suspense fallback={waiting}>
      <SignedInFrame bare={bare}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </SignedInFrame>
    </Suspense>
  );
}

/**
 * Fetches the code the address needs at once, in parallel with the session check: the frame of a signed-in
 * page and the page itself (its route's `handle.preload`).
 */
function PreloadRoute() {
  const matches = useMatches();
  useEffect(() => preload(matches.map((m) => m.handle)), [matches]);
  return null;
}

function preload(handles: unknown[]): void {
  for (const handle of handles) void (handle as { preload?: () => Promise<unknown> } | undefined)?.preload?.().catch(() => undefined);
}

/** Starts fetching the code of the page at this address before the app first renders. */
export function preloadPage(pathname: string): void {
  preload((matchRoutes(routes, pathname) ?? []).map((m) => m.route.handle));
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

/** A first screen the server drew for another page than the one on show (the person signed out, was sent elsewhere) goes. */
function FirstScreenKeeper() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (firstScreenPath() !== pathname) releaseFirstScreen();
  }, [pathname]);
  return null;
}

/** What every page sits in: the session and the tab's title. */
function Frame() {
  return (
    <SessionProvider>
      <FirstScreenKeeper />
      <PreloadRoute />
      <DocumentTitle />
      <ScrollRestoration />
      <Outlet />
    </SessionProvider>
  );
}

const signedIn = (path: string, Page: Page): RouteObject => ({ path, element: <Page />, handle: { preload: Page.preload } });

export const routes: RouteObject[] = [
  {
    element: <Frame />,
    children: [
      // Someone on the sign-in page signs in next: the frame's code comes once the page is up and idle.
      { path: '/login', element: <LoginPage />, handle: { preload: () => whenIdle(loadFrame) } },
      {
        path: '/accept-invitation',
        element: <Suspense fallback={<PageSkeleton />}><AcceptInvitationPage /></Suspense>,
        handle: { preload: AcceptInvitationPage.preload },
      },
      // The hours statement prints on its own, without the app's menus.
      { element: <SignedIn bare />, handle: { preload: loadFrame }, children: [signedIn('/hours/statement', HoursStatementPage)] },
      {
        element: <SignedIn />,
        handle: { preload: loadFrame },
        children: [
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
