import { create } from 'zustand';
import { api, setCsrfToken, setUnauthenticatedHandler, type User } from '../api/client.ts';
import { adoptUserLocale } from '../i18n/i18n.ts';

interface SessionState {
  user: User | null;
  status: 'unknown' | 'anonymous' | 'authenticated';
  check: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

export const useSession = create<SessionState>()((set) => {
  setUnauthenticatedHandler(() => set({ user: null, status: 'anonymous' }));
  return {
    user: null,
    status: 'unknown',
    check: async () => {
      try {
        const s = await api.me();
        setCsrfToken(s.csrfToken);
        adoptUserLocale(s.user.locale);
        set({ user: s.user, status: 'authenticated' });
      } catch {
        set({ user: null, status: 'anonymous' });
      }
    },
    login: async (username, password) => {
      const s = await api.login(username, password);
      setCsrfToken(s.csrfToken);
      adoptUserLocale(s.user.locale);
      set({ user: s.user, status: 'authenticated' });
    },
    logout: async () => {
      await api.logout().catch(() => undefined);
      setCsrfToken(null);
      set({ user: null, status: 'anonymous' });
    },
  };
});
