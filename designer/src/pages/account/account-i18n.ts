// The account page's and the forced password change's strings, EN and FR (same keys, checked by type).
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'My account',
  changePassword: 'Change password',
  mustChange: 'Choose a new password before you continue: the current one was set by an administrator.',
  current: 'Current password',
  next: 'New password',
  confirm: 'New password again',
  mismatch: 'The two new passwords differ.',
  save: 'Change password',
  changed: 'Password changed. Your other sessions were signed out.',
  policyTitle: 'Password rules',
  policy1: 'At least 12 characters.',
  policy2: 'Must not contain your username.',
  policy3: 'Must not be a common password, and must be hard to guess (strength 3 of 4 or more).',
  sessions: 'Active sessions',
  created: 'Signed in',
  lastSeen: 'Last seen',
  expires: 'Expires',
  ip: 'Address',
  device: 'Browser',
  thisOne: 'this session',
  revoke: 'Sign out',
  none: '—',
  logout: 'Sign out',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Mon compte',
  changePassword: 'Changer le mot de passe',
  mustChange:
    'Choisissez un nouveau mot de passe avant de continuer : le mot de passe actuel a été fixé par un administrateur.',
  current: 'Mot de passe actuel',
  next: 'Nouveau mot de passe',
  confirm: 'Nouveau mot de passe (confirmation)',
  mismatch: 'Les deux nouveaux mots de passe diffèrent.',
  save: 'Changer le mot de passe',
  changed: 'Mot de passe changé. Vos autres sessions ont été fermées.',
  policyTitle: 'Règles du mot de passe',
  policy1: 'Au moins 12 caractères.',
  policy2: 'Ne doit pas contenir votre identifiant.',
  policy3: 'Ne doit pas être un mot de passe courant, et doit être difficile à deviner (force 3 sur 4 ou plus).',
  sessions: 'Sessions actives',
  created: 'Connexion',
  lastSeen: 'Dernière activité',
  expires: 'Expire',
  ip: 'Adresse',
  device: 'Navigateur',
  thisOne: 'cette session',
  revoke: 'Déconnecter',
  none: '—',
  logout: 'Se déconnecter',
};

export type AccountKey = Keys;
export function useAccountT(): (k: AccountKey) => string {
  const lang = useLang((s) => s.lang);
  return (k) => (lang === 'fr' ? fr[k] : en[k]);
}
