/**
 * French elision before a name: « Télécopie d’Olivier », « d’Hélène », but « de Marie ».
 * A name starting with a vowel (accented or not) or a mute h takes « d’ » (typographic apostrophe).
 */
const ELIDES = /^[aeiouyàâäéèêëîïôöûùüœæh]/i;

/** « de X » or « d’X ». */
export function deName(name: string): string {
  return ELIDES.test(name.trim()) ? `d’${name.trim()}` : `de ${name.trim()}`;
}
