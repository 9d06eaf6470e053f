import { useEffect } from 'react';
import { RouterProvider } from '@tanstack/react-router';
import { useSession } from './api/me';
import { Toast } from './components/Toast';
import { enterApp, useAuthPage, type AuthPage } from './routes/authPages';
import { router } from './routes/router';
import { AcceptInvitation } from './screens/auth/AcceptInvitation';
import { ForgotPassword } from './screens/auth/ForgotPassword';
import { ResetPassword } from './screens/auth/ResetPassword';
import { Setup } from './screens/auth/Setup';
import { SignIn } from './screens/auth/SignIn';

/**
 * The designer: sign-in pages before a session exists, the screens (routes/router.tsx) once someone is signed in
 * (session cookie). Signed out, the sign-in form shows at any address and leaves the address alone, so the screen
 * asked for opens once signed in.
 */
export function App() {
  const authPage = useAuthPage();
  const session = useSession();
  if (authPage && !(authPage.page === 'signin' && session.status === 'loading')) return <><AuthPageView page={authPage} signedIn={session.status === 'signed-in'} /><Toast /></>;
  if (session.status === 'loading') return <main className="screen"><p aria-busy="true">Loading…</p></main>;
  if (session.status === 'failed') return <main className="screen"><p className="error-box" role="alert">{session.error}</p></main>;
  if (session.status === 'signed-out') return <><SignIn reason={session.reason} /><Toast /></>;
  return <><RouterProvider router={router} /><Toast /></>;
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
