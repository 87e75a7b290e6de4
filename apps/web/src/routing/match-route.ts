/** The console's screens and the paths that show them (the API serves index.html on each). */
export type Route =
  | { readonly screen: 'overview' }
  | { readonly screen: 'create' }
  | { readonly screen: 'requests' }
  | { readonly screen: 'request'; readonly requestId: string }
  | { readonly screen: 'machines' }
  | { readonly screen: 'templates' }
  | { readonly screen: 'template'; readonly templateId: string }
  | { readonly screen: 'providers' }
  | { readonly screen: 'catalog' }
  | { readonly screen: 'events' }
  | { readonly screen: 'not-found'; readonly path: string };

/** The route a path names; unknown paths are a "not found" screen, never a blank page. */
export function matchRoute(pathname: string): Route {
  const segments = pathname.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { screen: 'not-found', path: pathname };
  if (first === undefined) return { screen: 'overview' };
  if (second === undefined) {
    switch (first) {
      case 'create':
      case 'requests':
      case 'machines':
      case 'templates':
      case 'providers':
      case 'catalog':
      case 'events':
        return { screen: first };
      default:
        return { screen: 'not-found', path: pathname };
    }
  }
  if (first === 'requests') return { screen: 'request', requestId: second };
  if (first === 'templates') return { screen: 'template', templateId: second };
  return { screen: 'not-found', path: pathname };
}

/** The path of a screen that has one of its own. */
export function pathOf(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '/';
    case 'request':
      return `/requests/${encodeURIComponent(route.requestId)}`;
    case 'template':
      return `/templates/${encodeURIComponent(route.templateId)}`;
    case 'not-found':
      return route.path;
    default:
      return `/${route.screen}`;
  }
}
