import { useEffect, useState } from 'react';
import { getApiKey, onAuthError, setApiKey } from './api/client';
import { useMe } from './api/me';
import { signedInText } from './model/me';
import { Toast } from './components/Toast';
import { useRoute } from './router';
import { ConnectForm } from './screens/ConnectForm';
import { EditorLoader } from './screens/EditorLoader';
import { PlaybookList } from './screens/PlaybookList';
import { AccountDetail } from './screens/AccountDetail';
import { AccountList } from './screens/AccountList';
import { EmailsScreen } from './screens/EmailsScreen';
import { TasksScreen } from './screens/TasksScreen';

export function App() {
  const route = useRoute();
  const [connected, setConnected] = useState(() => !!getApiKey());
  const [reason, setReason] = useState<string | undefined>();
  useEffect(() => onAuthError((e) => {
    setReason(e.status === 401
      ? 'The server did not accept the saved API key. Paste a current key to continue.'
      : 'This API key may not do that (403). Use a key with the ops role.');
    if (e.status === 401) { setApiKey(null); setConnected(false); }
  }), []);

  if (!connected) return <><ConnectForm reason={reason} onConnected={() => { setReason(undefined); setConnected(true); }} /><Toast /></>;
  return (
    <>
      <header className="app-head">
        <a href="#/" className="brand">CsPlaybooks</a>
        <nav aria-label="Main" className="main-nav">
          <a href="#/" aria-current={route.screen === 'list' || route.screen === 'editor' ? 'page' : undefined}>Playbooks</a>
          <a href="#/accounts" aria-current={route.screen === 'accounts' || route.screen === 'account' ? 'page' : undefined}>Accounts</a>
          <a href="#/tasks" aria-current={route.screen === 'tasks' ? 'page' : undefined}>My tasks</a>
          <a href="#/emails" aria-current={route.screen === 'emails' ? 'page' : undefined}>Emails</a>
        </nav>
        <span className="grow" />
        {reason && <span className="error" role="alert">{reason}</span>}
        <SignedInAs />
        <button type="button" className="link" onClick={() => { setApiKey(null); setConnected(false); }}>Change API key</button>
      </header>
      {route.screen === 'list' ? <PlaybookList />
        : route.screen === 'accounts' ? <AccountList />
        : route.screen === 'account' ? <AccountDetail key={route.id} id={route.id} />
        : route.screen === 'tasks' ? <TasksScreen />
        : route.screen === 'emails' ? <EmailsScreen id={route.id} />
        : <EditorLoader key={`${route.id}:${route.newName ?? ''}`} id={route.id} tab={route.tab} newName={route.newName} instance={route.instance} />}
      <Toast />
    </>
  );
}

/** Who the saved key is ("Signed in as e2e · ops"); mounted with the header, so a changed key is asked again. */
function SignedInAs() {
  const { me } = useMe();
  return me ? <span className="signed-in" data-testid="signed-in">{signedInText(me)}</span> : null;
}
