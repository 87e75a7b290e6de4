import { ErrorPanel } from './components/error-panel';
import { AppShell } from './layout/app-shell';
import { useRoute } from './routing/use-route';
import { CatalogScreen } from './screens/catalog-screen';
import { EventsScreen } from './screens/events-screen';
import { MachinesScreen } from './screens/machines-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { OverviewScreen } from './screens/overview-screen';
import { ProvidersScreen } from './screens/providers-screen';
import { RequestDetailScreen } from './screens/request-detail-screen';
import { RequestsScreen } from './screens/requests-screen';
import { TemplateDetailScreen } from './screens/template-detail-screen';
import { TemplatesScreen } from './screens/templates-screen';
import { SessionContext } from './session/session-context';
import { SignInScreen } from './session/sign-in-screen';
import { useSession } from './session/use-session';
import { CreateMachinesScreen } from './wizard/create-machines-screen';
import type { Route } from './routing/match-route';

const TITLES: Readonly<Record<Route['screen'], string>> = {
  overview: 'Overview',
  create: 'Create machines',
  requests: 'Requests',
  request: 'Request',
  machines: 'Machines',
  templates: 'Templates',
  template: 'Template',
  providers: 'Providers',
  catalog: 'Catalog',
  events: 'Events',
  'not-found': 'Not found',
};

function Screen({ route }: { readonly route: Route }) {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen />;
    case 'create':
      return <CreateMachinesScreen />;
    case 'requests':
      return <RequestsScreen />;
    case 'request':
      return <RequestDetailScreen requestId={route.requestId} />;
    case 'machines':
      return <MachinesScreen />;
    case 'templates':
      return <TemplatesScreen />;
    case 'template':
      return <TemplateDetailScreen templateId={route.templateId} />;
    case 'providers':
      return <ProvidersScreen />;
    case 'catalog':
      return <CatalogScreen />;
    case 'events':
      return <EventsScreen />;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
  }
}

/** Signed in: the shell and the screen of the path; signed out: the sign-in form. */
export function App() {
  const session = useSession();
  const { route } = useRoute();
  if (session.isPending) {
    return (
      <p className="loading" role="status">
        Loading the console…
      </p>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="sign-in">
        <h1>Open Host Factory</h1>
        <ErrorPanel error={session.error} title="The console could not reach the API" />
        <button type="button" onClick={() => void session.refetch()}>
          Retry
        </button>
      </main>
    );
  }
  if (session.data === null) return <SignInScreen />;
  return (
    <SessionContext.Provider value={session.data}>
      <AppShell session={session.data} route={route} title={TITLES[route.screen]}>
        <Screen route={route} />
      </AppShell>
    </SessionContext.Provider>
  );
}
