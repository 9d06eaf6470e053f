import { getRouteApi, useChildMatches } from '@tanstack/react-router';
import { useMe } from '../api/me';
import { AccountDetail } from '../screens/AccountDetail';
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

export function AccountRoute() {
  const { id } = account.useParams();
  return <AccountDetail key={id} id={id} />;
}

function Refused({ what }: { what: string }) {
  const role = useMe().me?.role;
  return <main className="screen"><p className="error-box" role="alert">Only the ops role {what}; you are signed in as {role}. Ask an ops user.</p></main>;
}

export const UsersRoute = () => (useMe().me?.can.manageAccess ? <UsersScreen /> : <Refused what="manages users and API keys" />);
export const ApiKeysRoute = () => (useMe().me?.can.manageAccess ? <ApiKeysScreen /> : <Refused what="manages users and API keys" />);
export const CrmRoute = () => (useMe().me?.can.design ? <CrmSyncScreen /> : <Refused what="runs the CRM sync" />);
