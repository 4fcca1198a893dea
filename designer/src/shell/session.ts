import { create } from 'zustand';
import { api, setCsrfToken, setUnauthenticatedHandler, type User } from '../api/client.ts';
import { adoptUserLocale } from '../i18n/i18n.ts';

interface SessionState {
  user: User | null;
  /** 'password': signed in, but the API answers nothing until the user replaces an admin-set password. */
  status: 'unknown' | 'anonymous' | 'authenticated' | 'password';
  check: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const statusOf = (u: User): SessionState['status'] => (u.mustChangePassword ? 'password' : 'authenticated');

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
        set({ user: s.user, status: statusOf(s.user) });
      } catch {
        set({ user: null, status: 'anonymous' });
      }
    },
    login: async (username, password) => {
      const s = await api.login(username, password);
      setCsrfToken(s.csrfToken);
      adoptUserLocale(s.user.locale);
      set({ user: s.user, status: statusOf(s.user) });
    },
    logout: async () => {
      await api.logout().catch(() => undefined);
      setCsrfToken(null);
      set({ user: null, status: 'anonymous' });
    },
  };
});
