/** The card dictionaries, by language. French is the default. */
import type { Lang } from '../model.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { CardStrings } from './types.ts';

export type { CardStrings, HistoryDetails, ShownCheckStatus } from './types.ts';

const DICTIONARIES: Record<Lang, CardStrings> = { fr, en };

export function cardStrings(lang: Lang = 'fr'): CardStrings {
  return DICTIONARIES[lang];
}
