/** Imaging and nuclear-medicine modality words (OCR-tolerant, matched on folded text). */
import { nearWord } from './fuzzy.ts';
import { fold, loose } from './normalise.ts';

const MODALITY_SRC = [
  'radiographies?',
  'radio(?![a-z])',
  'rx(?![a-z])',
  'x-?rays?',
  'rayons? x',
  'echographies?',
  'echo(?:-?doppler|-?cardiographie)?(?![a-z])',
  'doppler',
  'ultrasons?',
  'ultrasound',
  'tomodensitometries?',
  'tdm',
  'ct(?:-?scan)?(?![a-z])',
  'scan(?:ner)?(?![a-z])',
  'taco',
  'irm',
  'mri',
  'resonance magnetique',
  'angio-?(?:irm|tdm|ct|scan)',
  'mammographies?',
  'mammo(?![a-z])',
  'scintigraphies?',
  'scinti(?![a-z])',
  'osteodensitometries?',
  'densitometries?(?: osseuse)?',
  'dmo',
  'dexa',
  'tep(?:-?scan|-?tdm)?(?![a-z])',
  'pet(?:-?scan|-?ct)?(?![a-z])',
  'tomographie par emission',
  'fluoroscopies?',
  'angiographies?',
  'medecine nucleaire',
  'arthrographies?',
  'arthro-?(?:irm|tdm|scan)',
  'hysterosalpingographies?',
  'myelographies?',
  'cholangio-?(?:irm|graphie)',
  'transit (?:oeso|baryte|intestinal|du grele)',
  'lavement baryte',
  'serie (?:osseuse|gastro)',
  'venographies?',
  'phlebographies?',
  'biopsie (?:echo|sous|guidee)',
  'cysto-?graphie',
  'urographies?',
];
/** An imaging or nuclear-medicine modality word, matched on folded text. */
export const MODALITY = new RegExp(`(?<![a-z])(?:${MODALITY_SRC.map(loose).join('|')})`);

export function mentionsModality(folded: string): boolean {
  return MODALITY.test(folded);
}

/** Long modality words as written, keyed by their folded form: what an OCR slip is mended to. */
const LONG_MODALITY_WORDS = new Map(
  [
    'mammographie',
    'échographie',
    'radiographie',
    'scintigraphie',
    'tomodensitométrie',
    'ostéodensitométrie',
    'densitométrie',
    'angiographie',
    'arthrographie',
    'fluoroscopie',
    'myélographie',
    'phlébographie',
    'urographie',
  ].map((w) => [fold(w), w] as const),
);

/**
 * "Mammeographie", "Echographle": a long modality word one OCR slip away from itself is mended,
 * so the exam is found and named. Only long words (9+ letters): no name or common word is that
 * close to one of these.
 */
export function repairModalityWords(text: string): string {
  return text.replace(/\p{L}{9,}/gu, (word) => {
    const folded = fold(word);
    const plural = folded.endsWith('s') ? 's' : '';
    const stem = plural ? folded.slice(0, -1) : folded;
    if (LONG_MODALITY_WORDS.has(stem)) return word;
    for (const [key, written] of LONG_MODALITY_WORDS) {
      if (!nearWord(stem, key, 9) && !nearWord(folded, key, 9)) continue;
      const fixed = nearWord(stem, key, 9) ? written + plural : written;
      if (word === word.toUpperCase()) return fixed.toUpperCase();
      return /^\p{Lu}/u.test(word) ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
    }
    return word;
  });
}
