import { useState } from 'react';
import { post } from '../../api/client';
import { signedIn } from '../../api/me';
import { enterApp } from '../../routes/authPages';
import { AuthPage, NewPasswordForm } from './Form';
import { useFormAction, useLinkCheck } from './useForm';

interface Invitation { email: string; displayName?: string | null; role: string; expiresAt: string }

/** An invited person sets a password and is signed in; a CSM lands on their tasks. */
export function AcceptInvitation({ token }: { token: string }) {
  const invitation = useLinkCheck<Invitation>('/api/auth/invitations', token);
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormAction(async () => {
    await post('/api/auth/invitations/accept', { token, password });
    const session = await signedIn();
    enterApp(session.status === 'signed-in' && session.me.can.design ? '/' : '/tasks');
  });

  if (invitation === null) return <AuthPage title="Accept your invitation"><p aria-busy="true">Checking the invitation…</p></AuthPage>;
  if (invitation === 'bad') return (
    <AuthPage title="Accept your invitation" testId="invite">
      <p className="error-box" role="alert">This invitation link is unknown, expired or already used. Ask the ops user who invited you for a new one. If you have set your password already, <a href="/signin">sign in</a>.</p>
    </AuthPage>
  );
  return (
    <AuthPage title="Accept your invitation" testId="invite">
      <p>You are invited to CsPlaybooks as <strong>{invitation.displayName || invitation.email}</strong> with the <strong>{invitation.role}</strong> role. Choose a password to finish.</p>
      <NewPasswordForm email={invitation.email} password={password} setPassword={setPassword} busy={busy} error={error} submit={submit}
        action="Set password and sign in" busyText="Saving…" />
    </AuthPage>
  );
}
