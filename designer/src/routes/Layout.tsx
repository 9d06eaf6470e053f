import { Fragment } from 'react';
import { Link, Outlet, useLocation } from '@tanstack/react-router';
import { useBookGeneration } from '../api/demo';
import { signOut, useMe } from '../api/me';
import { signedInText } from '../model/me';
import { DemoBanner } from '../screens/DemoBanner';

/** Nav items are current on their screen and its sub-pages, whatever the filters in the address. */
const NAV = { includeSearch: false } as const;

/** The signed-in frame: main navigation (the current item `aria-current="page"`), the demo banner, the screen. */
export function Layout() {
  const me = useMe().me!;
  const pathname = useLocation({ select: (l) => l.pathname });
  const inEditor = pathname.startsWith('/p/') || pathname.startsWith('/new/');
  const bookGeneration = useBookGeneration();
  return (
    <>
      <header className="app-head">
        {/* includeHash never matches a hash-less location: the brand is a way home, not a nav item marked current. */}
        <Link to="/" className="brand" activeOptions={{ includeHash: true }}>CsPlaybooks</Link>
        <nav aria-label="Main" className="main-nav">
          <Link to="/" activeOptions={{ ...NAV, exact: true }} aria-current={inEditor ? 'page' : undefined}>Playbooks</Link>
          <Link to="/accounts" activeOptions={NAV}>Accounts</Link>
          <Link to="/tasks" activeOptions={NAV}>My tasks</Link>
          <Link to="/emails" activeOptions={NAV}>Emails</Link>
          <Link to="/dashboard" activeOptions={NAV}>Dashboard</Link>
          {me.can.manageAccess && <Link to="/users" activeOptions={NAV}>Users</Link>}
          {me.can.manageAccess && <Link to="/keys" activeOptions={NAV}>API keys</Link>}
          {me.can.design && <Link to="/crm" activeOptions={NAV}>CRM sync</Link>}
        </nav>
        <span className="grow" />
        <span className="signed-in" data-testid="signed-in">{signedInText(me)}</span>
        {me.kind === 'user' && <Link to="/password" activeOptions={NAV}>Change password</Link>}
        {me.kind === 'user' && <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">Sign out</button>}
      </header>
      {!inEditor && <DemoBanner me={me} offerLoad={pathname === '/' || pathname === '/accounts'} />}
      {/* Loading or removing the demo book starts the screens afresh; the editor keeps its unsaved canvas. */}
      <Fragment key={inEditor ? 'editor' : bookGeneration}><Outlet /></Fragment>
    </>
  );
}

/** An address that is no screen (a mistyped or outdated link). */
export function NotFound() {
  return (
    <main className="screen" data-testid="not-found">
      <h1>Page not found</h1>
      <section className="card">
        <p>The address <code>{useLocation({ select: (l) => l.href })}</code> is not a screen of the designer; the link may be mistyped or outdated.</p>
        <p><Link to="/">Go to the playbooks</Link></p>
      </section>
    </main>
  );
}
