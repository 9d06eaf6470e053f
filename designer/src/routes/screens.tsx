import { getRouteApi, lazyRouteComponent, useChildMatches } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useMe } from '../api/me';
import { ApiKeysScreen } from '../screens/ApiKeysScreen';
import { CrmSyncScreen } from '../screens/CrmSyncScreen';
import { EditorLoader } from '../screens/EditorLoader';
import { UsersScreen } from '../screens/UsersScreen';


/** What the route components below need of the address: a playbook's or account's id, a new playbook's name. */
const newPlaybook = getRouteApi('/new/$id');
const editor = getRouteApi('/p/$id');
const account = getRouteApi('/accounts/$id');

export function NewPlaybookRoute() {
  const { id } = newPlaybook.useParams();
  const { name = '' } = newPlaybook.useSearch();
  return <EditorLoader key={`new:${id}:${name}`} id={id} tab="design" newName={name} />;
}

/** One editor for all of a playbook's tabs (#/p/{id}/history …): switching tab keeps the canvas and its unsaved edits. */
export function EditorRoute() {
  const { id } = editor.useParams();
  const tab = useChildMatches({ select: (matches) => matches[0]?.staticData.tab ?? 'design' });
  return <EditorLoader key={id} id={id} tab={tab} />;
}

// Account 360 and the dashboard draw charts (ECharts): their code loads with them, not with the first screen.
const AccountDetail = lazy(() => import('../screens/AccountDetail').then((m) => ({ default: m.AccountDetail })));
const Loading = () => <main className="screen"><p aria-busy="true">Loading…</p></main>;

export function AccountRoute() {
  const { id } = account.useParams();
  return <Suspense fallback={<Loading />}><AccountDetail key={id} id={id} /></Suspense>;
}

export const DashboardRoute = lazyRouteComponent(() => import('../screens/Dashboard'), 'Dashboard');

function Refused({ what }: { what: string }) {
  const role = useMe().me?.role;
  return <main className="screen"><p className="error-box" role="alert">Only the ops role {what}; you are signed in as {role}. Ask an ops user.</p></main>;
}

export const UsersRoute = () => (useMe().me?.can.manageAccess ? <UsersScreen /> : <Refused what="manages users and API keys" />);
export const ApiKeysRoute = () => (useMe().me?.can.manageAccess ? <ApiKeysScreen /> : <Refused what="manages users and API keys" />);
export const CrmRoute = () => (useMe().me?.can.design ? <CrmSyncScreen /> : <Refused what="runs the CRM sync" />);
