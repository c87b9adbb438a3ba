/**
 * The digest's words, French first. Both dictionaries implement DigestStrings whole, so a
 * string missing in one language is a compile error.
 */
import type { DigestGroupId } from '../src/digest/model.ts';
import type { Lang } from './model.ts';

export interface DigestStrings {
  locale: string;
  title: (date: string) => string;
  /** The badge of a digest posted after its time. */
  late: string;
  lateNote: string;
  groups: Record<DigestGroupId, string>;
  /** The counts line: only the non-zero parts are shown. */
  counts: {
    total: (n: number) => string;
    group: Record<DigestGroupId, (n: number) => string>;
    stale: (n: number, hours: number) => string;
  };
  empty: string;
  /** « il y a 3 h », « il y a 2 j ». */
  age: { minutes: (n: number) => string; hours: (n: number) => string; days: (n: number) => string };
  staleMark: string;
  staleLegend: (hours: number) => string;
  unknownPatient: string;
  unknownExam: string;
  openCard: string;
  /** In the problem group, the status beside the line. */
  statusNote: { pending: string; auth_requested: string };
  /** The last report was recorded, not e-mailed. */
  unsentNote: string;
  more: (n: number) => string;
  /** Where the whole list is, when the message could not hold it. */
  restHint: string;
  restLink: string;
  /** Notification text: counts only, never a patient. */
  summary: (total: number, date: string) => string;
  emptySummary: (date: string) => string;
}

const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);

export const digestFr: DigestStrings = {
  locale: 'fr-CA',
  title: (date) => `Résumé du jour — ${date}`,
  late: 'en retard',
  lateNote: 'Publié en retard : Faxdesk était arrêté à l’heure prévue.',
  groups: {
    pending: 'En attente d’une décision',
    auth_requested: 'En attente du rappel du prescripteur',
    problem_reported: 'Problème noté (signalé ou à signaler)',
  },
  counts: {
    total: (n) => `${n} ${plural(n, 'ordonnance en attente', 'ordonnances en attente')}`,
    group: {
      pending: (n) => `${n} ${plural(n, 'à décider', 'à décider')}`,
      auth_requested: (n) => `${n} en attente de rappel`,
      problem_reported: (n) => `${n} ${plural(n, 'problème noté', 'problèmes notés')}`,
    },
    stale: (n, h) => `${n} depuis plus de ${h} h`,
  },
  empty: 'Rien en attente.',
  age: {
    minutes: (n) => `il y a ${n} min`,
    hours: (n) => `il y a ${n} h`,
    days: (n) => `il y a ${n} j`,
  },
  staleMark: '⏰',
  staleLegend: (h) => `⏰ : en attente depuis plus de ${h} h`,
  unknownPatient: 'Usager non lu',
  unknownExam: 'Examen non lu',
  openCard: 'Voir la carte',
  statusNote: { pending: 'à décider', auth_requested: 'rappel demandé' },
  unsentNote: 'signalement non envoyé : téléphonez au 1 833 564-0404',
  more: (n) => `… et ${n} ${plural(n, 'autre', 'autres')}`,
  restHint: 'Liste complète : « faxdesk digest --print » sur le serveur de Faxdesk.',
  restLink: 'Voir la liste complète',
  summary: (n, date) =>
    `Résumé du jour (${date}) : ${n} ${plural(n, 'ordonnance en attente', 'ordonnances en attente')}`,
  emptySummary: (date) => `Résumé du jour (${date}) : rien en attente`,
};

export const digestEn: DigestStrings = {
  locale: 'en-CA',
  title: (date) => `Daily digest — ${date}`,
  late: 'late',
  lateNote: 'Posted late: Faxdesk was not running at the scheduled time.',
  groups: {
    pending: 'Waiting for a decision',
    auth_requested: 'Waiting for the prescriber’s call-back',
    problem_reported: 'Problem recorded (reported or to report)',
  },
  counts: {
    total: (n) => `${n} ${plural(n, 'order waiting', 'orders waiting')}`,
    group: {
      pending: (n) => `${n} to decide`,
      auth_requested: (n) => `${n} waiting for a call-back`,
      problem_reported: (n) => `${n} ${plural(n, 'problem recorded', 'problems recorded')}`,
    },
    stale: (n, h) => `${n} for more than ${h} h`,
  },
  empty: 'Nothing waiting.',
  age: {
    minutes: (n) => `${n} min ago`,
    hours: (n) => `${n} h ago`,
    days: (n) => `${n} d ago`,
  },
  staleMark: '⏰',
  staleLegend: (h) => `⏰: waiting for more than ${h} h`,
  unknownPatient: 'Patient not read',
  unknownExam: 'Exam not read',
  openCard: 'Open the card',
  statusNote: { pending: 'to decide', auth_requested: 'call-back requested' },
  unsentNote: 'report not sent: phone 1 833 564-0404',
  more: (n) => `… and ${n} more`,
  restHint: 'Full list: « faxdesk digest --print » on the Faxdesk server.',
  restLink: 'See the full list',
  summary: (n, date) => `Daily digest (${date}): ${n} ${plural(n, 'order waiting', 'orders waiting')}`,
  emptySummary: (date) => `Daily digest (${date}): nothing waiting`,
};

export function digestStrings(lang: Lang = 'fr'): DigestStrings {
  return lang === 'en' ? digestEn : digestFr;
}
