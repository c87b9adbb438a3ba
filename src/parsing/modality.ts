/** Imaging and nuclear-medicine modality words (OCR-tolerant, matched on folded text). */
import { loose } from './normalise.ts';

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
