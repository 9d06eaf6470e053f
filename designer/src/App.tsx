import { useEffect } from 'react';
import { signOut, useSession } from './api/me';
import type { Me } from './api/types';
import { signedInText } from './model/me';
import { Toast } from './components/Toast';
import { enterApp, useLocation, type AuthPage, type Route } from './router';
import { EditorLoader } from './screens/EditorLoader';
import { PlaybookList } from './screens/PlaybookList';
import { AccountDetail } from './screens/AccountDetail';
import { AccountList } from './screens/AccountList';
import { EmailsScreen } from './screens/EmailsScreen';
import { TasksScreen } from './screens/TasksScreen';
import { UsersScreen } from './screens/UsersScreen';
import { Dashboard } from './screens/Dashboard';
import { ApiKeysScreen } from './screens/ApiKeysScreen';
import { CrmSyncScreen } from './screens/CrmSyncScreen';
import { DemoBanner } from './screens/DemoBanner';
import { useBookGeneration } from './api/demo';
import { AcceptInvitation } from './screens/auth/AcceptInvitation';
import { ChangePassword } from './screens/auth/ChangePassword';
import { ForgotPassword } from './screens/auth/ForgotPassword';
import { ResetPassword } from './screens/auth/ResetPassword';
import { Setup } from './screens/auth/Setup';
import { SignIn } from './screens/auth/SignIn';

/** The designer: sign-in pages before a session exists, the screens once someone is signed in (session cookie). */
export function App() {
  const { route, authPage } = useLocation();
  const session = useSession();
  const bookGeneration = useBookGeneration();
  if (authPage && !(authPage.page === 'signin' && session.status === 'loading')) return <><AuthPageView page={authPage} signedIn={session.status === 'signed-in'} /><Toast /></>;
  if (session.status === 'loading') return <main className="screen"><p aria-busy="true">Loading…</p></main>;
  if (session.status === 'failed') return <main className="screen"><p className="error-box" role="alert">{session.error}</p></main>;
  if (session.status === 'signed-out') return <><SignIn reason={session.reason} /><Toast /></>;
  const me = session.me;
  const current = (...screens: Route['screen'][]) => (screens.includes(route.screen) ? 'page' : undefined);
  return (
    <>
      <header className="app-head">
        <a href="#/" className="brand">CsPlaybooks</a>
        <nav aria-label="Main" className="main-nav">
          <a href="#/" aria-current={current('list', 'editor')}>Playbooks</a>
          <a href="#/accounts" aria-current={current('accounts', 'account')}>Accounts</a>
          <a href="#/tasks" aria-current={current('tasks')}>My tasks</a>
          <a href="#/emails" aria-current={current('emails')}>Emails</a>
          <a href="#/dashboard" aria-current={current('dashboard')}>Dashboard</a>
          {me.can.manageAccess && <a href="#/users" aria-current={current('users')}>Users</a>}
          {me.can.manageAccess && <a href="#/keys" aria-current={current('keys')}>API keys</a>}
          {me.can.design && <a href="#/crm" aria-current={current('crm')}>CRM sync</a>}
        </nav>
        <span className="grow" />
        <span className="signed-in" data-testid="signed-in">{signedInText(me)}</span>
        {me.kind === 'user' && <a href="#/password" aria-current={current('password')}>Change password</a>}
        {me.kind === 'user' && <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">Sign out</button>}
      </header>
      {route.screen !== 'editor' && <DemoBanner me={me} screen={route.screen} />}
      <Screen key={route.screen === 'editor' ? 'editor' : bookGeneration} route={route} me={me} />
      <Toast />
    </>
  );
}

function Screen({ route, me }: { route: Route; me: Me }) {
  switch (route.screen) {
    case 'list': return <PlaybookList />;
    case 'accounts': return <AccountList />;
    case 'account': return <AccountDetail key={route.id} id={route.id} />;
    case 'tasks': return <TasksScreen />;
    case 'emails': return <EmailsScreen id={route.id} />;
    case 'password': return <ChangePassword />;
    case 'crm':
      if (!me.can.design) return <main className="screen"><p className="error-box" role="alert">Only the ops role runs the CRM sync; you are signed in as {me.role}. Ask an ops user.</p></main>;
      return <CrmSyncScreen />;
    case 'dashboard': return <Dashboard params={route.params} />;
    case 'users':
    case 'keys':
      if (!me.can.manageAccess) return <main className="screen"><p className="error-box" role="alert">Only the ops role manages users and API keys; you are signed in as {me.role}. Ask an ops user.</p></main>;
      return route.screen === 'users' ? <UsersScreen /> : <ApiKeysScreen />;
    case 'editor': return <EditorLoader key={`${route.id}:${route.newName ?? ''}`} id={route.id} tab={route.tab} newName={route.newName} instance={route.instance} />;
  }
}

function AuthPageView({ page, signedIn }: { page: AuthPage; signedIn: boolean }) {
  // /signin with a session (back from single sign-on, or a bookmark): on to the screen that asked (?next=), else the start.
  const next = page.page === 'signin' ? page.next ?? '/' : '/';
  useEffect(() => { if (page.page === 'signin' && signedIn) enterApp(next); }, [page.page, signedIn, next]);
  switch (page.page) {
    case 'setup': return <Setup token={page.token} />;
    case 'invite': return <AcceptInvitation token={page.token} />;
    case 'reset-password': return <ResetPassword token={page.token} />;
    case 'forgot-password': return <ForgotPassword />;
    case 'signin': return <SignIn ssoError={page.error} onSignedIn={() => enterApp(next)} />;
  }
}
