import { createRootRoute, createRoute, createRouter, type RouterHistory } from '@tanstack/react-router';
import type { EditorTab } from '../screens/EditorScreen';
import { Layout, NotFound } from './Layout';
import { AccountList } from '../screens/AccountList';
import { ChangePassword } from '../screens/auth/ChangePassword';
import { EmailsScreen } from '../screens/EmailsScreen';
import { PlaybookList } from '../screens/PlaybookList';
import { TasksScreen } from '../screens/TasksScreen';
import { AccountRoute, ApiKeysRoute, CrmRoute, DashboardRoute, EditorRoute, NewPlaybookRoute, UsersRoute } from './screens';
import { accountsSearch, dashboardSearch, emailsSearch, newPlaybookSearch, parseSearch, runtimeSearch, stringifySearch, tasksSearch } from './search';

/**
 * The signed-in designer's screens (docs/designer.md, "Addresses"). Hash history: the host serves one index.html, so
 * every address lives in the fragment (#/accounts?tier=KA) and the links people have kept still open.
 */
const root = createRootRoute({ component: Layout, notFoundComponent: NotFound });

const playbooks = createRoute({ getParentRoute: () => root, path: '/', component: PlaybookList });
const newPlaybook = createRoute({ getParentRoute: () => root, path: 'new/$id', validateSearch: newPlaybookSearch, component: NewPlaybookRoute });
const editor = createRoute({ getParentRoute: () => root, path: 'p/$id', component: EditorRoute });
const tab = <P extends string>(path: P, name: EditorTab) => createRoute({ getParentRoute: () => editor, path, staticData: { tab: name } });
const editorTabs = [
  tab('/', 'design'), tab('history', 'history'), tab('simulate', 'simulate'), tab('forecast', 'forecast'),
  createRoute({ getParentRoute: () => editor, path: 'runtime', staticData: { tab: 'runtime' }, validateSearch: runtimeSearch }),
] as const;

const accounts = createRoute({ getParentRoute: () => root, path: 'accounts', validateSearch: accountsSearch, component: AccountList });
const account = createRoute({ getParentRoute: () => root, path: 'accounts/$id', component: AccountRoute });
const tasks = createRoute({ getParentRoute: () => root, path: 'tasks', validateSearch: tasksSearch, component: TasksScreen });
// The open email is a child of the list, so the list keeps its filters (and its place) while one is open.
const emails = createRoute({ getParentRoute: () => root, path: 'emails', validateSearch: emailsSearch, component: EmailsScreen });
const emailList = createRoute({ getParentRoute: () => emails, path: '/' });
const email = createRoute({ getParentRoute: () => emails, path: '$id' });
const users = createRoute({ getParentRoute: () => root, path: 'users', component: UsersRoute });
const keys = createRoute({ getParentRoute: () => root, path: 'keys', component: ApiKeysRoute });
const crm = createRoute({ getParentRoute: () => root, path: 'crm', component: CrmRoute });
const password = createRoute({ getParentRoute: () => root, path: 'password', component: ChangePassword });
const dashboard = createRoute({ getParentRoute: () => root, path: 'dashboard', validateSearch: dashboardSearch, component: DashboardRoute });

export const routeTree = root.addChildren([
  playbooks, newPlaybook, editor.addChildren(editorTabs), accounts, account, tasks, emails.addChildren([emailList, email]),
  users, keys, crm, password, dashboard,
]);

/** The router over a history: the browser's hash here, a memory history in tests. */
export const createAppRouter = (history: RouterHistory) => createRouter({
  routeTree,
  history,
  parseSearch,
  stringifySearch,
  defaultNotFoundComponent: NotFound,
  defaultPendingComponent: () => <main className="screen"><p aria-busy="true">Loading…</p></main>,
  // Screens fetch their own data (TanStack Query) and show their own loading state; nothing to preload on hover.
  defaultPreload: false,
  scrollRestoration: true,
});

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register { router: AppRouter }
  interface StaticDataRouteOption { tab?: EditorTab }
}
