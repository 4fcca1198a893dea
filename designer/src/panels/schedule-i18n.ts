// The schedule panel's strings, EN and FR (same keys, checked by type). Follows the app's language switch.
import { useLang } from '../i18n/i18n.ts';

const en = {
  title: 'Schedule of the published version',
  state_active: 'Active',
  state_paused: 'Paused',
  state_inactive: 'Deactivated',
  state_none: 'No schedule: publish this flow to start it on its schedule.',
  overlap: 'While earlier runs still run',
  overlap_allowAll: 'every firing starts its run',
  overlap_skip: 'skip the firing',
  overlap_bufferOne: 'hold one firing until they end',
  next: 'Next firing',
  skipped: 'Skipped firings',
  lastSkip: 'last seen',
  skippedHelp:
    'Counted when this status is read (Temporal keeps counts, not times); each new count is in the audit log.',
  deactivatedAt: 'Deactivated on',
  pause: 'Pause',
  resume: 'Resume',
  deactivate: 'Deactivate',
  activate: 'Activate',
  deactivateConfirm: 'Delete the schedule? It stays off until you activate it or publish a version.',
  refresh: 'Refresh',
  none: '—',
};
type Keys = keyof typeof en;
const fr: Record<Keys, string> = {
  title: 'Planification de la version publiée',
  state_active: 'Active',
  state_paused: 'En pause',
  state_inactive: 'Désactivée',
  state_none: 'Pas de planification : publiez ce flux pour le lancer selon sa planification.',
  overlap: 'Tant que les exécutions précédentes sont en cours',
  overlap_allowAll: 'chaque déclenchement lance son exécution',
  overlap_skip: 'ignorer le déclenchement',
  overlap_bufferOne: "garder un déclenchement jusqu'à leur fin",
  next: 'Prochain déclenchement',
  skipped: 'Déclenchements ignorés',
  lastSkip: 'vu le',
  skippedHelp:
    "Comptés à la lecture de cet état (Temporal garde les nombres, pas les heures) ; chaque nouveau compte est inscrit au journal d'audit.",
  deactivatedAt: 'Désactivée le',
  pause: 'Mettre en pause',
  resume: 'Reprendre',
  deactivate: 'Désactiver',
  activate: 'Activer',
  deactivateConfirm:
    "Supprimer la planification ? Elle reste arrêtée jusqu'à ce que vous l'activiez ou publiiez une version.",
  refresh: 'Actualiser',
  none: '—',
};

export type ScheduleKey = Keys;
export function useScheduleT(): (k: ScheduleKey) => string {
  const lang = useLang((s) => s.lang);
  return (k) => (lang === 'fr' ? fr[k] : en[k]);
}
