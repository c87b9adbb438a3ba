/**
 * What `faxdesk purge` prints, in French (English with FAXDESK_LANGUAGE=en): local dates and
 * times (the service's time zone), whole sentences, plurals that agree.
 */
import { cardStrings, CARD_TIME_ZONE } from '../../cards/index.ts';
import type { Verdict } from '../../src/domain/report.ts';
import type { FaxStatus } from '../../src/store/records.ts';

export type PurgeLang = 'fr' | 'en';

export function localWhen(iso: string, lang: PurgeLang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'fr-CA', {
    timeZone: CARD_TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

const n = (count: number, one: string, many: string) => `${count} ${count <= 1 ? one : many}`;
const nEn = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export interface PurgeSummaryCounts {
  faxes: number;
  filesRemoved: number;
  duplicatesRemoved: number;
  cardUpdatesQueued: number;
}

export const PURGE_TEXTS = {
  fr: {
    dryRun: 'Simulation (--dry-run) : rien n’est effacé.',
    none: (before: string, days: number) =>
      `Aucune télécopie reçue avant le ${before} (durée de conservation : ${n(days, 'jour', 'jours')}) : rien à purger.`,
    wouldGo: (before: string, days: number) =>
      `Télécopies reçues avant le ${before} (durée de conservation : ${n(days, 'jour', 'jours')}), qui seraient purgées :`,
    gone: (before: string) =>
      `Données effacées des télécopies reçues avant le ${before} (le journal des événements est conservé) :`,
    row: (id: string, when: string, verdict: Verdict, status: FaxStatus, pages: number) =>
      `  ${id}  reçue le ${when}  ${cardStrings('fr').verdict[verdict].label}  ${cardStrings('fr').status[status]}  ${n(pages, 'page', 'pages')}`,
    summaryDry: (c: PurgeSummaryCounts) =>
      `${n(c.faxes, 'télécopie serait purgée', 'télécopies seraient purgées')}, ` +
      `${n(c.duplicatesRemoved, 'doublon serait supprimé', 'doublons seraient supprimés')}.`,
    summary: (c: PurgeSummaryCounts) =>
      `${n(c.faxes, 'télécopie purgée', 'télécopies purgées')}, ` +
      `${n(c.filesRemoved, 'fichier original supprimé', 'fichiers originaux supprimés')}, ` +
      `${n(c.duplicatesRemoved, 'doublon supprimé', 'doublons supprimés')}.`,
    cards: (count: number) =>
      `${n(count, 'carte sera remplacée', 'cartes seront remplacées')} dans le canal par une carte « effacée » au prochain passage de faxdesk watch.`,
  },
  en: {
    dryRun: 'Dry run (--dry-run): nothing is erased.',
    none: (before: string, days: number) =>
      `No fax received before ${before} (retention: ${nEn(days, 'day', 'days')}): nothing to purge.`,
    wouldGo: (before: string, days: number) =>
      `Faxes received before ${before} (retention: ${nEn(days, 'day', 'days')}) that would be purged:`,
    gone: (before: string) => `Data erased from the faxes received before ${before} (the event log is kept):`,
    row: (id: string, when: string, verdict: Verdict, status: FaxStatus, pages: number) =>
      `  ${id}  received ${when}  ${cardStrings('en').verdict[verdict].label}  ${cardStrings('en').status[status]}  ${nEn(pages, 'page', 'pages')}`,
    summaryDry: (c: PurgeSummaryCounts) =>
      `${nEn(c.faxes, 'fax', 'faxes')} would be purged, ${nEn(c.duplicatesRemoved, 'duplicate', 'duplicates')} removed.`,
    summary: (c: PurgeSummaryCounts) =>
      `${nEn(c.faxes, 'fax', 'faxes')} purged, ${nEn(c.filesRemoved, 'original file', 'original files')} deleted, ` +
      `${nEn(c.duplicatesRemoved, 'duplicate', 'duplicates')} removed.`,
    cards: (count: number) =>
      `${nEn(count, 'card', 'cards')} in the channel will be replaced by an “erased” card the next time faxdesk watch runs.`,
  },
} as const;
