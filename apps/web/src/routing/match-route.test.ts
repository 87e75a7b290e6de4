import { describe, expect, it } from 'vitest';
import { matchRoute, pathOf } from './match-route';

describe('matchRoute', () => {
  it('maps each console path to its screen and back', () => {
    for (const path of ['/', '/create', '/requests', '/machines', '/templates', '/providers', '/catalog', '/events']) {
      expect(pathOf(matchRoute(path))).toBe(path);
    }
  });

  it('reads ids from detail paths, encoded or not', () => {
    expect(matchRoute('/requests/req-1')).toEqual({ screen: 'request', requestId: 'req-1' });
    expect(matchRoute('/templates/web%20server')).toEqual({ screen: 'template', templateId: 'web server' });
    expect(pathOf({ screen: 'template', templateId: 'web server' })).toBe('/templates/web%20server');
  });

  it('names unknown paths instead of showing nothing', () => {
    expect(matchRoute('/nowhere')).toEqual({ screen: 'not-found', path: '/nowhere' });
    expect(matchRoute('/requests/a/b')).toEqual({ screen: 'not-found', path: '/requests/a/b' });
  });
});
