/**
 * The reasons a fax cannot be read, in French for the clerk. Messages never
 * quote the file's content: it may hold patient data.
 */
import { UnreadableFaxError } from '../domain/reading.ts';

export type UnreadableCode = 'empty' | 'unsupported' | 'corrupt' | 'encrypted' | 'too-large' | 'interrupted';

export function unreadable(code: UnreadableCode, message: string, cause?: unknown): UnreadableFaxError {
  return new UnreadableFaxError(code, message, cause === undefined ? undefined : { cause });
}

const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1).replace('.', ',');
const mpx = (pixels: number): string => (pixels / 1_000_000).toFixed(1).replace('.', ',');

export const messages = {
  empty: () => 'Fichier vide (0 octet)',
  unsupported: () =>
    'Format de fichier non pris en charge : seuls les PDF, TIFF, PNG et JPEG peuvent être lus',
  tooManyBytes: (bytes: number, max: number) =>
    `Fichier trop volumineux : ${mib(bytes)} Mo (maximum ${mib(max)} Mo)`,
  tooManyPages: (pages: number | string, max: number) => `Trop de pages : ${pages} (maximum ${max})`,
  tooManyPixels: (page: number, pixels: number, max: number) =>
    `Page ${page} trop grande : ${mpx(pixels)} mégapixels (maximum ${mpx(max)})`,
  encrypted: () => 'PDF protégé par un mot de passe : impossible de le lire',
  corruptTiff: (detail: string) => `TIFF endommagé : ${detail}`,
  corruptPdf: (detail: string) => `PDF endommagé : ${detail}`,
  corruptImage: (kind: string, detail: string) => `Image ${kind} endommagée : ${detail}`,
  ocrTimeout: (page: number, seconds: number) =>
    `Lecture (OCR) de la page ${page} trop longue : abandon après ${seconds} s`,
  /** The reading process was stopped: the page (0: the file's structure, before any page) overran its time. */
  interruptedTime: (page: number, seconds: number) =>
    `Lecture interrompue : ${where(page)} demande trop de calcul (plus de ${seconds} s)`,
  interruptedFileTime: (seconds: number) =>
    `Lecture interrompue : le fichier demande trop de calcul (plus de ${seconds} s en tout)`,
  interruptedMemory: (page: number, mebibytes: number) =>
    `Lecture interrompue : ${where(page)} demande trop de mémoire (plus de ${mebibytes} Mo)`,
  interruptedCrash: (page: number) =>
    `Lecture interrompue : le lecteur s’est arrêté net sur ${where(page)} (fichier endommagé ou piégé)`,
};

function where(page: number): string {
  return page > 0 ? `la page ${page}` : 'la structure du fichier';
}
