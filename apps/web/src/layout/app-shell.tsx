import { useEffect, useRef, type ReactNode } from 'react';
import type { Session } from '../api/schema-types';
import type { Route } from '../routing/match-route';
import { Link } from '../routing/link';
import { useSignOut } from '../session/use-session';

const NAVIGATION: readonly { readonly href: string; readonly label: string; readonly screens: readonly Route['screen'][] }[] = [
  { href: '/', label: 'Overview', screens: ['overview'] },
  { href: '/create', label: 'Create machines', screens: ['create'] },
  { href: '/requests', label: 'Requests', screens: ['requests', 'request'] },
  { href: '/machines', label: 'Machines', screens: ['machines'] },
  { href: '/templates', label: 'Templates', screens: ['templates', 'template'] },
  { href: '/providers', label: 'Providers', screens: ['providers'] },
  { href: '/catalog', label: 'Catalog', screens: ['catalog'] },
  { href: '/events', label: 'Events', screens: ['events'] },
];

/**
 * Header, navigation and the main region. On every screen change the focus moves to the
 * screen's heading, so keyboard and screen reader users land on the new content.
 */
export function AppShell({ session, route, title, children }: { readonly session: Session; readonly route: Route; readonly title: string; readonly children: ReactNode }) {
  const signOut = useSignOut();
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    document.title = `${title} · Open Host Factory`;
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [title]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Open Host Factory</span>
        <nav aria-label="Main">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.screens.includes(route.screen) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {session.name}{' '}
            <span className="scopes">
              ({session.role}
              {session.platformAdmin ? ', platform admin' : ''}, {session.organizationId})
            </span>
          </span>
          {session.authentication ? (
            <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              Sign out
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
