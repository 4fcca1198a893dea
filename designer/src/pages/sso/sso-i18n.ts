// The SSO page's and the login button's strings, EN and FR (same keys, checked by type).
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Single sign-on (OpenID Connect)',
  intro: 'Users sign in at your identity provider; a user is created on first sign-in with the roles it sends.',
  redirectUri: 'Redirect URI to register at the provider',
  source: 'Settings come from',
  sourceDatabase: 'this page',
  sourceEnvironment: 'the LEDGERFLOW_SSO_* environment variables (saving here replaces them)',
  sourceNone: 'nowhere yet',
  enabled: 'Enable single sign-on',
  issuer: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  secretSet: 'A secret is stored. Leave empty to keep it.',
  secretNone: 'No secret stored (public client).',
  removeSecret: 'Remove the stored secret',
  buttonLabel: 'Button label',
  scopes: 'Scopes',
  usernameClaim: 'Username claim (empty: preferred_username, then email)',
  rolesClaim: 'Roles claim (dotted path, e.g. realm_access.roles)',
  groupsClaim: 'Groups claim (empty: no groups)',
  roleMapping: 'Role mapping: one "provider value = role" per line',
  defaultRole: 'Role when none maps',
  passwordLogin: 'Allow password login',
  passwordForced: 'LEDGERFLOW_PASSWORD_LOGIN=force is set: password login stays on whatever this says.',
  save: 'Save',
  saved: 'Saved.',
  test: 'Test discovery',
  testing: 'Testing…',
  testOk: 'The provider answers: {issuer}',
  testFailed: 'Discovery failed: {message}',
  badMapping: 'Line {line} is not "value = role".',
  signInWith: 'Sign in with {label}',
  or: 'or',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Authentification unique (OpenID Connect)',
  intro:
    "Les utilisateurs se connectent chez votre fournisseur d'identité ; un compte est créé à la première connexion avec les rôles transmis.",
  redirectUri: 'URI de redirection à déclarer chez le fournisseur',
  source: 'Réglages issus de',
  sourceDatabase: 'cette page',
  sourceEnvironment: "variables d'environnement LEDGERFLOW_SSO_* (enregistrer ici les remplace)",
  sourceNone: 'aucune source pour le moment',
  enabled: "Activer l'authentification unique",
  issuer: "URL de l'émetteur (issuer)",
  clientId: 'Identifiant client',
  clientSecret: 'Secret client',
  secretSet: 'Un secret est enregistré. Laisser vide pour le conserver.',
  secretNone: 'Aucun secret enregistré (client public).',
  removeSecret: 'Supprimer le secret enregistré',
  buttonLabel: 'Libellé du bouton',
  scopes: 'Portées (scopes)',
  usernameClaim: "Claim de l'identifiant (vide : preferred_username, puis email)",
  rolesClaim: 'Claim des rôles (chemin pointé, ex. realm_access.roles)',
  groupsClaim: 'Claim des groupes (vide : aucun groupe)',
  roleMapping: 'Correspondance des rôles : une ligne « valeur du fournisseur = rôle »',
  defaultRole: 'Rôle si aucun ne correspond',
  passwordLogin: 'Autoriser la connexion par mot de passe',
  passwordForced:
    'LEDGERFLOW_PASSWORD_LOGIN=force est défini : la connexion par mot de passe reste active quel que soit ce réglage.',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  test: 'Tester la découverte',
  testing: 'Test en cours…',
  testOk: 'Le fournisseur répond : {issuer}',
  testFailed: 'Échec de la découverte : {message}',
  badMapping: 'La ligne {line} n’est pas de la forme « valeur = rôle ».',
  signInWith: 'Se connecter avec {label}',
  or: 'ou',
};

export type SsoKey = Keys;
export function useSsoT(): (k: SsoKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars = {}) => (lang === 'fr' ? fr[k] : en[k]).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}
