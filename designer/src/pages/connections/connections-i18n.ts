// The connections page's own strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../../i18n/i18n.ts';

const en = {
  title: 'Connections', intro: 'Connections hold the settings and secrets a connector needs to reach a system. Secrets are write-only: they are stored encrypted and never shown again.',
  loading: 'Loading…', none: 'No connection yet.', add: 'New connection', name: 'Name', connector: 'Connector', secrets: 'Secrets', updated: 'Updated', actions: 'Actions',
  edit: 'Edit', test: 'Test connection', testing: 'Testing…', delete: 'Delete', confirmDelete: 'Delete the connection “{name}”? Flows that use it will fail until another one is chosen.',
  confirm: 'Delete', cancel: 'Cancel', deleted: 'Connection “{name}” deleted.', saved: 'Connection “{name}” saved.', save: 'Save', saving: 'Saving…', close: 'Close',
  createTitle: 'New connection', editTitle: 'Edit connection “{name}”', config: 'Settings', secretsLegend: 'Secrets (write-only)', noSecrets: 'This connector needs no secret.', noConfig: 'This connector needs no setting.',
  set: 'set', notSet: 'not set', replace: 'Replace', keep: 'Keep the current value', newValue: 'New value for {field}', secretHint: 'Leave empty to keep the stored value.',
  required: 'required', pickConnector: 'Choose a connector', noConnectable: 'No installed connector needs a connection.',
  problems: 'The connection was not saved. Fix these fields:', problemsOther: 'Other problems', invalidJson: 'Not valid JSON',
  forbidden: 'Only integrators and admins manage connections. You can see the list, but not change it or test it.',
  ok: 'Connection OK', failed: 'Connection failed', inMs: 'in {ms} ms', yes: 'yes', no: 'no', error: 'Error',
  unknownConnector: 'unknown connector', nameTaken: 'A connection with this name exists already.',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Connexions', intro: "Les connexions portent les paramètres et secrets dont un connecteur a besoin pour joindre un système. Les secrets sont en écriture seule : stockés chiffrés, ils ne sont plus jamais affichés.",
  loading: 'Chargement…', none: 'Aucune connexion pour le moment.', add: 'Nouvelle connexion', name: 'Nom', connector: 'Connecteur', secrets: 'Secrets', updated: 'Modifiée', actions: 'Actions',
  edit: 'Modifier', test: 'Tester la connexion', testing: 'Test en cours…', delete: 'Supprimer', confirmDelete: 'Supprimer la connexion « {name} » ? Les flux qui l’utilisent échoueront tant qu’une autre n’est pas choisie.',
  confirm: 'Supprimer', cancel: 'Annuler', deleted: 'Connexion « {name} » supprimée.', saved: 'Connexion « {name} » enregistrée.', save: 'Enregistrer', saving: 'Enregistrement…', close: 'Fermer',
  createTitle: 'Nouvelle connexion', editTitle: 'Modifier la connexion « {name} »', config: 'Paramètres', secretsLegend: 'Secrets (écriture seule)', noSecrets: "Ce connecteur n'a besoin d'aucun secret.", noConfig: "Ce connecteur n'a besoin d'aucun paramètre.",
  set: 'défini', notSet: 'non défini', replace: 'Remplacer', keep: 'Garder la valeur actuelle', newValue: 'Nouvelle valeur pour {field}', secretHint: 'Laisser vide pour garder la valeur enregistrée.',
  required: 'obligatoire', pickConnector: 'Choisir un connecteur', noConnectable: "Aucun connecteur installé n'a besoin de connexion.",
  problems: "La connexion n'a pas été enregistrée. Corrigez ces champs :", problemsOther: 'Autres problèmes', invalidJson: 'JSON invalide',
  forbidden: 'Seuls les intégrateurs et les administrateurs gèrent les connexions. Vous pouvez voir la liste, mais pas la modifier ni la tester.',
  ok: 'Connexion OK', failed: 'Échec de la connexion', inMs: 'en {ms} ms', yes: 'oui', no: 'non', error: 'Erreur',
  unknownConnector: 'connecteur inconnu', nameTaken: 'Une connexion porte déjà ce nom.',
};

export type ConnectionsKey = Keys;
/** t('key') or t('key', { name }) — placeholders are replaced as text, never as HTML. */
export function useConnectionsT(): (k: ConnectionsKey, vars?: Record<string, string>) => string {
  const lang = useLang((s) => s.lang);
  return (k, vars) => {
    let s = lang === 'fr' ? fr[k] : en[k];
    for (const [name, v] of Object.entries(vars ?? {})) s = s.split(`{${name}}`).join(v);
    return s;
  };
}
