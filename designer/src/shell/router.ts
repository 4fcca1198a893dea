import { useSyncExternalStore } from 'react';

/**
 * Hash routing: the API serves the designer at / and owns every other path, so the
 * designer's own routes must not need server-side fallbacks.
 */
function read(): string {
  return location.hash.replace(/^#/, '') || '/home';
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, read, () => '/home');
}

export function navigate(path: string): void {
  location.hash = path;
}

/** Matches "/flows/:id" style patterns; returns params or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('?')[0]!.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}
