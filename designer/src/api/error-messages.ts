import type { Lang } from '../i18n/i18n.ts';

/**
 * What the user reads for each stable error code of the API, in each language. The server's `message` is English
 * and written for developers; the UI shows these instead and falls back to it only for a code it does not know.
 */
export const ERROR_MESSAGES: Record<string, Record<Lang, string>> = {
  ALREADY_EXISTS: {
    en: 'A record with this value exists already.',
    fr: 'Un enregistrement avec cette valeur existe déjà.',
  },
  APPROVAL_LIMIT_EXCEEDED: {
    en: 'The amount is above your approval limit.',
    fr: 'Le montant dépasse votre plafond d’approbation.',
  },
  ATTACHMENT_INVALID: { en: 'The attachment cannot be read.', fr: 'La pièce jointe est illisible.' },
  ATTACHMENT_MISSING: { en: 'A required attachment is missing.', fr: 'Une pièce jointe obligatoire manque.' },
  ATTACHMENT_TOO_LARGE: { en: 'The attachment is too large.', fr: 'La pièce jointe est trop volumineuse.' },
  ATTACHMENT_TYPE: { en: 'This type of file cannot be attached.', fr: 'Ce type de fichier ne peut pas être joint.' },
  BAD_REQUEST: { en: 'The request is malformed.', fr: 'La requête est mal formée.' },
  BAD_RESPONSE: { en: 'The server sent an unreadable answer.', fr: 'Le serveur a envoyé une réponse illisible.' },
  BODY_INVALID: { en: 'The request content is invalid.', fr: 'Le contenu de la requête est invalide.' },
  BODY_REQUIRED: { en: 'The request has no content.', fr: 'La requête n’a pas de contenu.' },
  CONNECTION_FAILED: { en: 'The connection could not be reached.', fr: 'La connexion n’a pas pu être établie.' },
  CONNECTION_INVALID: {
    en: 'The connection settings are invalid.',
    fr: 'Les paramètres de la connexion sont invalides.',
  },
  CONNECTION_NAME_TAKEN: { en: 'A connection with this name exists already.', fr: 'Une connexion porte déjà ce nom.' },
  CONNECTION_REQUIRED: { en: 'Pick a connection for this step.', fr: 'Choisissez une connexion pour cette étape.' },
  CONNECTION_UNKNOWN: { en: 'This connection does not exist.', fr: 'Cette connexion n’existe pas.' },
  DELEGATE_SELF: { en: 'You cannot delegate to yourself.', fr: 'Vous ne pouvez pas vous déléguer à vous-même.' },
  DUNNING_BATCH_CANCELLED: { en: 'This dunning batch was cancelled.', fr: 'Ce lot de relances a été annulé.' },
  DUNNING_BATCH_NOT_IN_REVIEW: {
    en: 'This dunning batch is no longer in review.',
    fr: 'Ce lot de relances n’est plus en revue.',
  },
  DUNNING_BATCH_UNKNOWN: { en: 'This dunning batch does not exist.', fr: 'Ce lot de relances n’existe pas.' },
  DUNNING_LETTER_MISSING: {
    en: 'No letter is set for this dunning level.',
    fr: 'Aucune lettre n’est définie pour ce niveau de relance.',
  },
  DUNNING_PAUSE_INVALID: { en: 'This dunning pause is invalid.', fr: 'Cette suspension de relance est invalide.' },
  ECB_RATE_EXISTS: { en: 'An ECB rate exists already for this date.', fr: 'Un taux BCE existe déjà pour cette date.' },
  EXCEL_EMPTY: { en: 'The spreadsheet is empty.', fr: 'Le classeur est vide.' },
  EXCEL_FILE_CORRUPT: { en: 'The spreadsheet is damaged.', fr: 'Le classeur est endommagé.' },
  EXCEL_FILE_NOT_FOUND: { en: 'The spreadsheet was not found.', fr: 'Le classeur est introuvable.' },
  EXCEL_HEADER_MISSING: {
    en: 'A required column is missing from the spreadsheet.',
    fr: 'Une colonne obligatoire manque dans le classeur.',
  },
  EXCEL_INPUT_INVALID: {
    en: 'The spreadsheet settings are invalid.',
    fr: 'Les paramètres du classeur sont invalides.',
  },
  EXCEL_PATH_NOT_ALLOWED: {
    en: 'This file location is not allowed.',
    fr: 'Cet emplacement de fichier n’est pas autorisé.',
  },
  EXCEL_SHEET_NOT_FOUND: {
    en: 'The sheet was not found in the spreadsheet.',
    fr: 'La feuille est introuvable dans le classeur.',
  },
  EXCEL_UNSUPPORTED_FORMAT: {
    en: 'This file format is not supported.',
    fr: 'Ce format de fichier n’est pas pris en charge.',
  },
  EXEMPTION_REASON_REQUIRED: { en: 'Give a reason for the exemption.', fr: 'Indiquez le motif de la dispense.' },
  FEED_EXTRACTION_FAILED: { en: 'The feed could not read its source.', fr: 'Le flux n’a pas pu lire sa source.' },
  FEED_FILE_EMPTY: { en: 'The file is empty.', fr: 'Le fichier est vide.' },
  FEED_FILE_INVALID: { en: 'The file cannot be read.', fr: 'Le fichier est illisible.' },
  FEED_FILE_MISSING: { en: 'Choose a file to upload.', fr: 'Choisissez un fichier à envoyer.' },
  FEED_FILE_TOO_LARGE: { en: 'The file is too large.', fr: 'Le fichier est trop volumineux.' },
  FEED_FILE_TYPE: { en: 'This type of file is not accepted.', fr: 'Ce type de fichier n’est pas accepté.' },
  FIELD_PATH: { en: 'This is not a field path.', fr: 'Ce n’est pas un chemin de champ.' },
  FLOW_INVALID: { en: 'The flow has problems to fix first.', fr: 'Le processus a des problèmes à corriger d’abord.' },
  FLOW_NOT_PUBLISHED: { en: 'This flow is not published yet.', fr: 'Ce processus n’est pas encore publié.' },
  FLOW_UNCHANGED: {
    en: 'Nothing changed since the last published version.',
    fr: 'Rien n’a changé depuis la dernière version publiée.',
  },
  FORBIDDEN: { en: 'You are not allowed to do this.', fr: 'Vous n’êtes pas autorisé à faire cela.' },
  FORM_INVALID: { en: 'The form has invalid values.', fr: 'Le formulaire contient des valeurs invalides.' },
  FORM_SCHEMA_INVALID: { en: 'The form definition is invalid.', fr: 'La définition du formulaire est invalide.' },
  FOUR_EYES: {
    en: 'Someone other than the requester must decide.',
    fr: 'Une autre personne que le demandeur doit décider.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This request key was already used for another request.',
    fr: 'Cette clé de requête a déjà servi pour une autre requête.',
  },
  INPUT_INVALID: { en: 'The input is invalid.', fr: 'Les données saisies sont invalides.' },
  INTERNAL: { en: 'Something went wrong on the server.', fr: 'Une erreur est survenue sur le serveur.' },
  INVALID_STRING: {
    en: 'The text contains characters that are not allowed.',
    fr: 'Le texte contient des caractères interdits.',
  },
  INVALID_VALUE: { en: 'A value is out of range or malformed.', fr: 'Une valeur est hors limites ou mal formée.' },
  JSON_TOO_DEEP: { en: 'The data is nested too deeply.', fr: 'Les données sont trop imbriquées.' },
  LEDGER_FEED_READS_FILES: {
    en: 'This ledger feed reads uploaded files.',
    fr: 'Ce flux de grand livre lit des fichiers envoyés.',
  },
  LETTER_EXISTS: {
    en: 'This letter already exists in that language and tone.',
    fr: 'Cette lettre existe déjà dans cette langue et ce ton.',
  },
  LETTER_INVALID: { en: 'The letter template is invalid.', fr: 'Le modèle de lettre est invalide.' },
  LETTER_LANGUAGE_INVALID: {
    en: 'Give the language as a two-letter code, such as de or es.',
    fr: 'Indiquez la langue par son code à deux lettres, par exemple de ou es.',
  },
  LETTER_NAME_INVALID: {
    en: 'A letter name is lowercase words joined by dashes, such as reminder-2.',
    fr: 'Le nom d’une lettre est fait de mots en minuscules reliés par des tirets, par exemple relance-2.',
  },
  LETTER_NO_DRAFT: { en: 'This letter has no draft to publish.', fr: 'Cette lettre n’a pas de brouillon à publier.' },
  LETTER_TONE_INVALID: {
    en: 'A tone is lowercase words joined by dashes, such as firm.',
    fr: 'Un ton est fait de mots en minuscules reliés par des tirets, par exemple ferme.',
  },
  LETTER_VARIABLE_UNAVAILABLE: {
    en: 'The letter uses a variable that is not available here.',
    fr: 'La lettre utilise une variable indisponible ici.',
  },
  LOGIN_THROTTLED: {
    en: 'Too many attempts. Try again in a few minutes.',
    fr: 'Trop de tentatives. Réessayez dans quelques minutes.',
  },
  MANAGER_CYCLE: { en: 'This manager would report to themselves.', fr: 'Ce responsable dépendrait de lui-même.' },
  MANAGER_SELF: {
    en: 'A user cannot be their own manager.',
    fr: 'Un utilisateur ne peut pas être son propre responsable.',
  },
  METHOD_NOT_ALLOWED: { en: 'This action is not available here.', fr: 'Cette action n’est pas disponible ici.' },
  MIGRATION_FAILED: {
    en: 'The runs could not be moved to the new version.',
    fr: 'Les exécutions n’ont pas pu passer à la nouvelle version.',
  },
  NETWORK: { en: 'The server cannot be reached.', fr: 'Le serveur est injoignable.' },
  NOT_A_FEED_FLOW: { en: 'This flow is not a feed.', fr: 'Ce processus n’est pas un flux.' },
  NOT_A_FILE_FEED: { en: 'This feed does not read files.', fr: 'Ce flux ne lit pas de fichiers.' },
  NOT_A_LEDGER_FEED_FLOW: {
    en: 'This flow is not a ledger feed.',
    fr: 'Ce processus n’est pas un flux de grand livre.',
  },
  NOT_A_SCHEDULED_FLOW: { en: 'This flow has no schedule.', fr: 'Ce processus n’a pas de planification.' },
  NOT_A_WEBHOOK_FLOW: {
    en: 'This flow is not started by a webhook.',
    fr: 'Ce processus n’est pas déclenché par un webhook.',
  },
  NOT_FOUND: { en: 'This item was not found.', fr: 'Cet élément est introuvable.' },
  NOT_PARKED: { en: 'This item is not on hold.', fr: 'Cet élément n’est pas en attente.' },
  NO_CHECK: {
    en: 'This task is not a check that can be exempted.',
    fr: 'Cette tâche n’est pas un contrôle dispensable.',
  },
  NOTICE_NO_ADDRESS: { en: 'The recipient has no email address.', fr: 'Le destinataire n’a pas d’adresse e-mail.' },
  NOTICE_NOT_RESENDABLE: { en: 'This notice cannot be sent again.', fr: 'Cet avis ne peut pas être renvoyé.' },
  OPEN_TASK_CHANGED: {
    en: 'A step with an open task changed; keep it or let its task finish first.',
    fr: 'Une étape avec une tâche ouverte a changé ; gardez-la ou laissez sa tâche se terminer.',
  },
  OUTCOME_INVALID: {
    en: 'This decision is not one of the task’s choices.',
    fr: 'Cette décision ne fait pas partie des choix de la tâche.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    en: 'Change your password to continue.',
    fr: 'Changez votre mot de passe pour continuer.',
  },
  PASSWORD_COMMON: { en: 'This password is too common.', fr: 'Ce mot de passe est trop courant.' },
  PASSWORD_CONTAINS_USERNAME: {
    en: 'The password must not contain the user name.',
    fr: 'Le mot de passe ne doit pas contenir l’identifiant.',
  },
  PASSWORD_LOGIN_DISABLED: { en: 'Sign in with single sign-on.', fr: 'Connectez-vous par authentification unique.' },
  PASSWORD_POLICY: { en: 'The password does not meet the rules.', fr: 'Le mot de passe ne respecte pas les règles.' },
  PASSWORD_TOO_SHORT: { en: 'The password is too short.', fr: 'Le mot de passe est trop court.' },
  PASSWORD_UNCHANGED: {
    en: 'The new password is the same as the old one.',
    fr: 'Le nouveau mot de passe est identique à l’ancien.',
  },
  PASSWORD_WEAK: { en: 'The password is too weak.', fr: 'Le mot de passe est trop faible.' },
  PASSWORD_WRONG: { en: 'The password is wrong.', fr: 'Le mot de passe est incorrect.' },
  PAYLOAD_TOO_LARGE: { en: 'The request is too large.', fr: 'La requête est trop volumineuse.' },
  PERIOD_AFTER_AS_OF: {
    en: 'The period ends after the reference date.',
    fr: 'La période se termine après la date de référence.',
  },
  RATE_DUPLICATE: { en: 'This rate is listed twice.', fr: 'Ce taux figure deux fois.' },
  RATE_FOR_COMPANY_CURRENCY: {
    en: 'The company currency needs no rate.',
    fr: 'La devise de la société n’a pas besoin de taux.',
  },
  RATE_NOT_POSITIVE: { en: 'A rate must be above zero.', fr: 'Un taux doit être supérieur à zéro.' },
  RATES_INVALID: { en: 'The exchange rates are invalid.', fr: 'Les taux de change sont invalides.' },
  ROUTE_NOT_FOUND: { en: 'This address does not exist.', fr: 'Cette adresse n’existe pas.' },
  RUN_ENDED: { en: 'This run has ended.', fr: 'Cette exécution est terminée.' },
  RUN_ID_TAKEN: { en: 'A run with this id exists already.', fr: 'Une exécution avec cet identifiant existe déjà.' },
  RUN_NOT_FAILED: { en: 'Only a failed run can be retried.', fr: 'Seule une exécution en échec peut être relancée.' },
  RUN_NOT_VISIBLE: { en: 'You cannot see this run.', fr: 'Vous ne pouvez pas voir cette exécution.' },
  SAME_USER: { en: 'The tasks already belong to this user.', fr: 'Les tâches appartiennent déjà à cet utilisateur.' },
  SCHEDULE_INACTIVE: { en: 'The schedule is not active.', fr: 'La planification n’est pas active.' },
  SELF_DEMOTION: {
    en: 'You cannot remove your own admin role.',
    fr: 'Vous ne pouvez pas retirer votre propre rôle d’administrateur.',
  },
  SELF_DISABLE: {
    en: 'You cannot disable your own account.',
    fr: 'Vous ne pouvez pas désactiver votre propre compte.',
  },
  SSO_CONFIG_INVALID: {
    en: 'The single sign-on settings are invalid.',
    fr: 'Les paramètres d’authentification unique sont invalides.',
  },
  SSO_LOGIN_FAILED: { en: 'Single sign-on failed.', fr: 'L’authentification unique a échoué.' },
  SSO_NOT_CONFIGURED: { en: 'Single sign-on is not set up.', fr: 'L’authentification unique n’est pas configurée.' },
  SSO_PROVIDER_UNREACHABLE: {
    en: 'The identity provider cannot be reached.',
    fr: 'Le fournisseur d’identité est injoignable.',
  },
  SSO_SECRET_UNREADABLE: {
    en: 'The single sign-on secret cannot be read.',
    fr: 'Le secret d’authentification unique est illisible.',
  },
  SSO_STATE_INVALID: { en: 'The sign-in expired. Start again.', fr: 'La connexion a expiré. Recommencez.' },
  SSO_USER_DISABLED: { en: 'This account is disabled.', fr: 'Ce compte est désactivé.' },
  SSO_USERNAME_MISSING: {
    en: 'The identity provider sent no user name.',
    fr: 'Le fournisseur d’identité n’a pas transmis d’identifiant.',
  },
  SSO_USERNAME_TAKEN: {
    en: 'This user name belongs to another account.',
    fr: 'Cet identifiant appartient à un autre compte.',
  },
  TASK_ALREADY_CLAIMED: { en: 'This task is already taken.', fr: 'Cette tâche est déjà prise.' },
  TASK_ASSIGNEE_EMPTY: { en: 'Nobody can take this task.', fr: 'Personne ne peut prendre cette tâche.' },
  TASK_CLAIMED_BY_OTHER: { en: 'Someone else took this task.', fr: 'Quelqu’un d’autre a pris cette tâche.' },
  TASK_NOT_CLAIMED: { en: 'Take the task first.', fr: 'Prenez d’abord la tâche.' },
  TASK_NOT_OPEN: { en: 'This task is no longer open.', fr: 'Cette tâche n’est plus ouverte.' },
  TASK_NOT_YOURS: { en: 'This task is not assigned to you.', fr: 'Cette tâche ne vous est pas attribuée.' },
  TASK_OUTCOME_INVALID: {
    en: 'This decision is not one of the task’s choices.',
    fr: 'Cette décision ne fait pas partie des choix de la tâche.',
  },
  TASK_UPDATE_FAILED: { en: 'The run refused the change.', fr: 'L’exécution a refusé la modification.' },
  TASK_WRITE_FAILED: { en: 'The task could not be saved.', fr: 'La tâche n’a pas pu être enregistrée.' },
  TEMPORAL_UNAVAILABLE: {
    en: 'The workflow engine is unavailable. Try again shortly.',
    fr: 'Le moteur d’exécution est indisponible. Réessayez bientôt.',
  },
  TIMEZONE_UNKNOWN: { en: 'This timezone is unknown.', fr: 'Ce fuseau horaire est inconnu.' },
  TOO_DEEP: { en: 'The data is nested too deeply.', fr: 'Les données sont trop imbriquées.' },
  UNAUTHENTICATED: { en: 'Sign in to continue.', fr: 'Connectez-vous pour continuer.' },
  UNKNOWN_ASSIGNEE: { en: 'This assignee does not exist.', fr: 'Ce destinataire de la tâche n’existe pas.' },
  UNKNOWN_CONNECTOR: { en: 'This connector is not installed.', fr: 'Ce connecteur n’est pas installé.' },
  UNKNOWN_MANAGER: { en: 'This manager does not exist.', fr: 'Ce responsable n’existe pas.' },
  UNKNOWN_USER: { en: 'No active user has this name.', fr: 'Aucun utilisateur actif ne porte ce nom.' },
  USERNAME_TAKEN: { en: 'This user name is taken.', fr: 'Cet identifiant est déjà pris.' },
  VALIDATION_FAILED: { en: 'Some values are invalid.', fr: 'Certaines valeurs sont invalides.' },
  VARIABLE_PATH: { en: 'This is not a variable path.', fr: 'Ce n’est pas un chemin de variable.' },
  WEBHOOK_REPLAYED: { en: 'This webhook call was already received.', fr: 'Cet appel de webhook a déjà été reçu.' },
  WEBHOOK_SIGNATURE_INVALID: { en: 'The webhook signature is wrong.', fr: 'La signature du webhook est incorrecte.' },
  WEBHOOK_TIMESTAMP_EXPIRED: { en: 'The webhook call is too old.', fr: 'L’appel de webhook est trop ancien.' },
};

/**
 * The user's text for an API error: in French ours for a known code, else the server's own message. In English the
 * server's message is already the user's language and names the specific value ("Flow 'x' was not found"), so it is
 * kept; ours stands in when it is empty.
 */
export function errorText(lang: Lang, code: string, serverMessage: string): string {
  if (lang === 'en' && serverMessage) return serverMessage;
  return ERROR_MESSAGES[code]?.[lang] ?? serverMessage;
}
