/**
 * The label vocabulary of orders and how to find labels in a line. Labels are matched on the
 * folded line (accent-free, lower-case, same length as the original) with OCR-tolerant patterns
 * (see `loose`), so "Date de nalssance", "Prénorn", "DDN;" still count.
 *
 * A few words are labels only where a form would put them (at the start of a cell, followed by
 * a separator): "Nom", "Date", "À", "De", "cc"… Distinctive labels ("DDN", "NAM", "Tél.",
 * "Permis", "née le") are recognised anywhere in a line, so prose works too.
 */
import { editDistance, nearWord } from './fuzzy.ts';
import { loose } from './normalise.ts';

export type LabelKey =
  | 'lastName'
  | 'firstName'
  | 'fullName'
  | 'birthDate'
  | 'nam'
  | 'phone'
  | 'fax'
  | 'permit'
  | 'exam'
  | 'clinical'
  | 'orderDate'
  | 'signature'
  | 'to'
  | 'toFax'
  | 'cc'
  | 'from'
  | 'address'
  | 'pageCount'
  | 'other';

/** Whose value a label announces. `other`: a third person (family doctor…), never used. */
export type Role = 'prescriber' | 'patient' | 'other';

interface LabelGroup {
  key: LabelKey;
  role?: Role;
  variants: string[];
  /** Recognised anywhere in a line, not only at a cell start. */
  anywhere?: boolean;
  /** Needs a separator (":" ";" "." "=" "-", a column gap or the end of the line) after it. */
  needsSep?: boolean;
  /** Only with a real "label :" after it (words that also title a document: "REQUÊTE – RADIOLOGIE"). */
  colonOnly?: boolean;
  /** Long free text (exam, clinical information): the value may run over several lines. */
  long?: boolean;
  /** The label is part of the value ("R/O lithiase"). */
  keepLabel?: boolean;
  /** "No", "N°", "Numéro de" may precede it. */
  numberPrefix?: boolean;
}

const PRESCRIBER_WORDS =
  '(?:medecin|prescripteur|prescriptrice|professionnel|requerant|referent|demandeur|ips|infirmiere praticienne)';
const PATIENT_WORDS = '(?:patiente?|usagere?|beneficiaire|cliente?|enfant)';

const GROUPS: LabelGroup[] = [
  {
    key: 'fullName',
    role: 'other',
    variants: [
      'medecin de famille',
      'md de famille',
      'family (?:physician|doctor)',
      'radiologiste',
      'medecin de garde',
      'pharmacie',
    ],
    needsSep: true,
  },
  {
    key: 'fullName',
    role: 'prescriber',
    variants: [
      "(?:nom (?:et|,|/) ?prenoms?|prenoms? (?:et|,|/) ?nom) (?:du |de la |de l')?" + PRESCRIBER_WORDS,
      "nom (?:du |de la |de l')?" +
        PRESCRIBER_WORDS +
        '(?: (?:referent|requerant|traitant|prescripteur|demandeur))?',
      'medecin(?: (?:referent|referant|requerant|traitant|prescripteur|demandeur|consultant))?',
      'prescripteur(?: ?\\(trice\\))?',
      'prescriptrice',
      'prescrit par',
      'requerant',
      'referent',
      'demandeur',
      'professionnel(?: de la sante)?(?: requerant| prescripteur)?',
      'infirmiere praticienne(?: specialisee)?',
      'ips',
      '(?:ordering|referring|requesting) (?:physician|provider|doctor|clinician)',
      'physician',
      'prescriber',
      'doctor',
    ],
    needsSep: true,
  },
  {
    key: 'fullName',
    role: 'patient',
    variants: [
      "(?:nom (?:et|,|/) ?prenoms?|prenoms? (?:et|,|/) ?nom) (?:du |de la |de l')?" + PATIENT_WORDS,
      "nom (?:du |de la |de l')?" + PATIENT_WORDS,
      PATIENT_WORDS,
      'patient\\(e\\)',
      'usager\\(e\\)',
      'patient name',
      'name of (?:the )?patient',
      'client',
    ],
    needsSep: true,
  },
  {
    key: 'firstName',
    role: 'patient',
    variants: ["prenom (?:du |de la |de l')?" + PATIENT_WORDS, "patient'?s? first name"],
  },
  {
    key: 'firstName',
    role: 'prescriber',
    variants: ["prenom (?:du |de la |de l')?" + PRESCRIBER_WORDS],
  },
  {
    key: 'lastName',
    role: 'patient',
    variants: ["nom de famille (?:du |de la |de l')?" + PATIENT_WORDS, "patient'?s? last name"],
  },
  {
    key: 'fullName',
    variants: [
      'nom (?:et|,|/|-) ?prenoms?',
      'prenoms? (?:et|,|/|-) ?nom',
      'nom complet',
      'full name',
      'last name,? first name',
      'name',
      'nom et prenom usuel',
    ],
    needsSep: true,
  },
  {
    key: 'lastName',
    variants: ['nom de famille', 'nom', 'last name', 'surname', 'family name'],
    needsSep: true,
  },
  { key: 'firstName', variants: ['prenoms?', 'first name', 'given names?'], needsSep: true },
  {
    key: 'birthDate',
    role: 'patient',
    variants: [
      'date de naissance',
      // Abbreviated as forms print it: "Date de naiss.", "Date nais.", "D. naissance".
      "date (?:de |d')?nais?s?\\.?(?![a-z])",
      'd\\. ?naissance',
      'd\\. ?d\\. ?n\\.?',
      'ddn',
      // "hée |e": OCR reads the n of "née" as h (and the l as | or 1, see `loose`).
      '[nh]ee? le',
      'ne\\(e\\) le',
      'ne-e le',
      'date of birth',
      'birth ?date',
      'dob',
      'd\\.o\\.b\\.?',
      'naissance',
    ],
    anywhere: true,
  },
  {
    key: 'nam',
    role: 'patient',
    variants: [
      'nam',
      'n\\.a\\.m\\.?',
      'ramq',
      'assurance[ -]?maladie',
      "(?:no |n° |numero )?d'ass(?:urance)?\\.? ?mal(?:adie)?\\.?(?![a-z])",
      "carte (?:soleil|ramq|d'assurance[ -]maladie)",
      'health (?:insurance|card)(?: (?:number|no\\.?|#))?',
      'hin',
      'medicare',
    ],
    anywhere: true,
    numberPrefix: true,
  },
  {
    key: 'toFax',
    variants: [
      '(?:telecopieur|fax|telec\\.?)(?: du)? destinataire',
      'destination fax',
      'fax to',
      'to fax',
      'recipient fax',
    ],
    anywhere: true,
    numberPrefix: true,
  },
  {
    key: 'fax',
    variants: ['telecopieur', 'telecopie', 'telec', 'fax', 'facsimile', 'telecop'],
    anywhere: true,
    numberPrefix: true,
  },
  {
    key: 'phone',
    variants: [
      'telephone',
      'tel(?!ec)',
      'phone',
      'cellulaire',
      'cell',
      'pour (?:me |le |la )?(?:re)?joindre',
      '(?:re)?joignable au',
      '(?:re)?joindre au',
      'contact',
    ],
    anywhere: true,
    numberPrefix: true,
  },
  {
    key: 'permit',
    role: 'prescriber',
    variants: ["permis(?: d'exercice)?", 'licence', 'license', 'no de pratique', 'praticien', 'cmq', 'oiiq'],
    anywhere: true,
    numberPrefix: true,
  },
  // Words that are permit labels only in a form ("Matricule : 12345"), ordinary words in prose
  // ("membre inférieur gauche").
  {
    key: 'permit',
    role: 'prescriber',
    variants: ['matricule', 'membre', 'praticien'],
    needsSep: true,
    numberPrefix: true,
  },
  {
    key: 'exam',
    variants: [
      'examens? demandee?s?',
      'examens? requise?s?',
      // "EXAMEN(S) REQUIS", "Examen(s) demandé(s)".
      'examens?\\(s\\) (?:demandee?s?|requise?s?)(?:\\(s\\))?',
      'examens? a (?:faire|effectuer|realiser)',
      'examens? prescrite?s?',
      "type d'examen",
      'examens?',
      '(?:requested )?exam(?:ination)?s?(?: requested)?',
      'procedures?(?: demandee?s?)?',
      'imagerie demandee',
      'test requested',
    ],
    needsSep: true,
    long: true,
  },
  { key: 'exam', variants: ['modalite', 'demande', 'requete'], needsSep: true, colonOnly: true, long: true },
  {
    key: 'clinical',
    variants: [
      // A qualifier may follow: "Renseignements cliniques pertinents", "… utiles", "… additionnels".
      'renseignements? cliniques?(?: (?:pertinente?s?|utiles?|additionnel(?:le)?s?|importante?s?))?',
      'r ?/ ?c',
      'rens\\.? cliniques?',
      'r\\. ?cliniques?',
      'infos?\\.? ?cliniques?',
      'informations? cliniques?(?: (?:pertinentes?|utiles?|additionnelles?|importantes?))?',
      'donnees cliniques',
      "raison (?:de l'examen|de la demande|de consultation|de l'ordonnance|de la consultation)",
      'raison',
      "motif (?:de l'examen|de la demande|de consultation|de la consultation|de reference)",
      'motif',
      'indications?(?: cliniques?)?',
      'histoire(?: clinique| de la maladie)?',
      'hx',
      'question clinique',
      'diagnostic(?: provisoire| presume)?',
      'dx',
      'impression clinique',
      'clinical (?:information|info|history|indication|details)s?',
      'reason for (?:exam|examination|request|referral)',
      'reason',
      'history',
      'indication',
      'symptomes',
      'symptoms',
      'diagnosis',
      'clinical notes?',
    ],
    needsSep: true,
    long: true,
  },
  { key: 'clinical', variants: ['r ?/ ?o', 'rule out'], anywhere: true, long: true, keepLabel: true },
  {
    key: 'other',
    variants: [
      "date (?:de l'examen|souhaitee|prevue|du rendez-vous|de rendez-vous|limite|d'expiration|exp\\.?|de l'accident)",
      'expiration',
      'exp\\.',
    ],
    anywhere: true,
  },
  // "Rendez-vous : …" in a form; in prose ("aimerait un rendez-vous rapide") it is just a word.
  { key: 'other', variants: ['rendez-vous', 'rdv'], needsSep: true },
  {
    key: 'orderDate',
    variants: [
      "date (?:de |d')?(?:l'ordonnance|la demande|la requete|la prescription|prescription|demande|emission|envoi|signature)",
      'date of (?:request|order|referral)',
      '(?:order|request) date',
      'date',
      'fait le',
      'signe le',
      'envoye(?: le)?',
      'sent',
    ],
    needsSep: true,
  },
  {
    key: 'signature',
    role: 'prescriber',
    variants: [
      'signature(?: (?:du |de la )?(?:medecin|prescripteur|prescriptrice|professionnel))?',
      'signe (?:electroniquement|numeriquement)(?: par)?',
      'signature electronique',
      'electronically signed(?: by)?',
      'signed(?: by)?',
    ],
    anywhere: true,
  },
  {
    key: 'to',
    variants: [
      'a',
      'destinataires?',
      'to',
      'destination',
      'envoye(?:r|z)? a',
      'faxe(?:r|z)? a',
      'transmis a',
      'transmettre a',
      'pour',
    ],
    needsSep: true,
  },
  {
    key: 'cc',
    variants: [
      'c\\. ?c\\.?',
      'cc',
      'c/c',
      'cci',
      'bcc',
      'copies? conformes?(?: a| au| aux)?',
      'copies?(?: a| au| aux)?',
    ],
    needsSep: true,
  },
  { key: 'from', variants: ['de', 'from', 'expediteur', 'envoye par', 'emetteur', 'sender'], needsSep: true },
  {
    key: 'address',
    variants: [
      "adresse(?: (?:postale|civique|du domicile|de l'usager|du patient|de la patiente|domicile))?",
      'address',
      'domicile',
    ],
    needsSep: true,
  },
  {
    key: 'pageCount',
    variants: ['nombre de pages', 'nb de pages', 'nbre de pages', 'pages', 'number of pages'],
    needsSep: true,
  },
  {
    key: 'other',
    variants: [
      'sexe',
      'sex',
      'genre',
      'age',
      'poids',
      'taille',
      'allergies?',
      'urgence',
      'priorite',
      'priority',
      'objet',
      'subject',
      'sujet',
      're',
      'courriel',
      'e-?mail',
      'adresse courriel',
      'adresse electronique',
      '(?:no |n° )?(?:de )?dossier',
      'mrn',
      'ville',
      'province',
      'code postal',
      'clinique',
      'etablissement',
      'installation',
      'lieu',
      'service',
      'departement',
      'specialite',
      'page',
      'grossesse',
      'enceinte',
      'creatinine',
      'commentaires?',
      'remarques?',
      'notes?',
      'heure',
      'time',
      'bonjour',
      'merci',
    ],
    needsSep: true,
  },
];

const NUMBER_PREFIX = "(?:(?:no|n°|n o|n\\.|num(?:ero)?\\.?|#) ?(?:de |d'|du )?)";

interface CompiledGroup extends LabelGroup {
  re: RegExp;
}

function compile(g: LabelGroup): CompiledGroup {
  const alt = g.variants.map(loose).join('|');
  const prefix = g.numberPrefix ? `${loose(NUMBER_PREFIX)}?` : '';
  // "Last name / Nom de famille": a bilingual pair of the same label counts as one.
  const src = `(?<![a-z0-9])${prefix}(?:${alt})(?:\\s*/\\s*(?:${alt}))?(?![a-z0-9])`;
  return { ...g, re: new RegExp(src, 'g') };
}

const COMPILED = GROUPS.map(compile);

/**
 * Every word of five letters or more that label variants are made of ("naissance", "patient",
 * "medecin", "permis"…), for undoing OCR slips in labels below. The regex sources hold them as
 * plain letter runs; an optional group like "(?:du |de la )" adds only short words.
 */
const LABEL_VOCABULARY: ReadonlyMap<number, readonly string[]> = (() => {
  // The patient's and prescriber's words are spliced into the variants, so they are found there.
  const words = new Set(GROUPS.flatMap((g) => g.variants.flatMap((v) => v.match(/[a-z]{5,}/g) ?? [])));
  const byLength = new Map<number, string[]>();
  for (const w of words) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  return byLength;
})();

/**
 * A label OCR misread by one letter ("Date de naissanee :", "Nom du patiemt :", "Permls :"): in
 * the words between a cell's start and its colon — where only a label stands — a word one letter
 * from exactly one label word becomes that word. Same length, so every offset into the line holds.
 * Never a word after the colon: values keep their letters (a surname one letter from "permis").
 */
function withLabelSlipsUndone(folded: string): string {
  if (!folded.includes(':')) return folded;
  return folded.replace(/(^|\s{2,})([^:]{3,50}?)(?=\s*:)/g, (_, start: string, cell: string) => {
    const fixed = cell.replace(/[a-z]{5,}/g, (word) => {
      const sameLength = LABEL_VOCABULARY.get(word.length) ?? [];
      if (sameLength.includes(word)) return word;
      // Between words of one length, one edit is one substitution.
      const near = sameLength.filter((w) => editDistance(word, w) === 1);
      return near.length === 1 ? near[0]! : word;
    });
    return start + fixed;
  });
}

/**
 * A label that names the surname before the first name ("Nom et prénom", "Nom, prénom du patient",
 * "Last name, first name"): its value is written in that order.
 */
export const SURNAME_FIRST_LABEL =
  /^(?:nom|last name|surname|family name)\b.*(?:prenom|first name|given name)/;

export interface LabelHit {
  key: LabelKey;
  role: Role | undefined;
  long: boolean;
  keepLabel: boolean;
  /** Start of the label in the line. */
  index: number;
  /** End of the label itself. */
  labelEnd: number;
  /** Where the value starts (after the separator and spaces). */
  valueStart: number;
}

/**
 * Between a label and its value: a parenthesis ("DDN (jj/mm/aaaa) :"), a qualifier after a slash
 * that a colon closes ("Examen / région :", "Nom / Last name :"), then the separator itself.
 */
const SEPARATOR =
  /^(\s*\([^)]{0,24}\))?(\s*\/\s*[a-z'() ]{1,30}?(?=\s*[:;=]))?\s*(?:[:;=]+|\.(?!\d)|-(?=\s)|>)?/;
const CELL_START = /(?:^|\s{2,}|[|•·*>\]\)☐☒□■☑✓✔✗✘]\s*|[,;.]\s+)$/;

/**
 * Words of the English half of a bilingual form label ("Last name / Nom", "Date of birth / Date de
 * naissance"). OCR often garbles that half ("Las! name", "Virst name", "Dale ol birth") while the
 * French half after the slash reads fine: the French label then starts the cell, and the English
 * words before its slash belong to the label, not to the value before them.
 */
const ENGLISH_LABEL_WORDS = [
  'name',
  'last',
  'first',
  'given',
  'surname',
  'family',
  'date',
  'birth',
  'sex',
  'gender',
  'health',
  'insurance',
  'card',
  'number',
  'phone',
  'telephone',
  'fax',
  'licence',
  'license',
  'exam',
  'examination',
  'requested',
  'clinical',
  'information',
  'physician',
  'doctor',
  'signature',
  'address',
  'postal',
  'patient',
  'referring',
  'requesting',
  'ordering',
  'reason',
];
const ENGLISH_GLUE = new Set(['of', 'no', 'to', 'by']);

function isGlue(raw: string): boolean {
  const word = raw.replace(/[.,]+$/, '');
  return [...ENGLISH_GLUE].some((t) => nearWord(word, t, 2));
}

function isEnglishLabelWord(raw: string): boolean {
  const word = raw.replace(/[.,]+$/, '').replace(/[^a-z]/g, '?');
  // OCR reads "rn" as "m" and back ("Sumame", "Narne").
  const readings = [word, word.replace(/m/g, 'rn'), word.replace(/rn/g, 'm')];
  return isGlue(raw) || ENGLISH_LABEL_WORDS.some((t) => readings.some((w) => nearWord(w, t, 3)));
}

/**
 * Where the English half before "… / <French label>" starts, or null when the words before the
 * slash are not a label's (then the slash belongs to the value before). Either the whole cell
 * before the slash (from the line's start or a column gap: at most three words, no colon), or up
 * to three words read as English label words, ending on a label word, not on glue.
 */
function englishHalfStart(folded: string, slashAt: number): number | null {
  const head = folded.slice(0, slashAt);
  const cell = /(?:^|\s{2,})([^\s:;][^:;]*?)\s*$/.exec(head);
  if (cell?.[1] !== undefined && cell[1].split(/\s+/).length <= 3)
    return cell.index + cell[0].indexOf(cell[1]);
  const words = [...head.matchAll(/\S+/g)];
  let start: number | null = null;
  for (let k = words.length - 1, n = 0; k >= 0 && n < 3; k--, n++) {
    const w = words[k]!;
    if (!isEnglishLabelWord(w[0])) break;
    start = w.index ?? 0;
  }
  if (start === null) return null;
  const first = folded.slice(start).split(/\s+/)[0] ?? '';
  const last = words[words.length - 1]?.[0] ?? '';
  return isGlue(first) || isGlue(last) ? null : start;
}

interface RawMatch {
  g: CompiledGroup;
  index: number;
  end: number;
}

/** Keys of a bilingual pair ("Name / Nom", "Last name / Nom") read as one label: whose and what. */
function pairGroup(a: CompiledGroup, b: CompiledGroup): CompiledGroup {
  if (a.role && !b.role) return a;
  if (b.role && !a.role) return b;
  // "Name / Nom": the English word says it is the whole name; French "Nom" alone could be the surname.
  if (a.key === 'fullName' && b.key === 'lastName') return a;
  return b;
}

/** "Label / Étiquette" (either order): the two labels of a bilingual form, one label. */
const PAIR_GAP = /^\s*(?:no\.?|n°|#)?\s*\/\s*/;

function rawMatches(folded: string): RawMatch[] {
  const raw: RawMatch[] = [];
  for (const g of COMPILED) {
    g.re.lastIndex = 0;
    for (const m of folded.matchAll(g.re))
      raw.push({ g, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  const pairs: RawMatch[] = [];
  for (const a of raw) {
    const gap = PAIR_GAP.exec(folded.slice(a.end));
    if (!gap) continue;
    for (const b of raw) {
      if (b.index !== a.end + gap[0].length || b === a) continue;
      pairs.push({ g: pairGroup(a.g, b.g), index: a.index, end: b.end });
    }
  }
  return [...raw, ...pairs];
}

/** The rest of a line that is only a person's name: two to four capitalised words. */
const NAME_TO_LINE_END = /^\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3}\s*$/u;

/**
 * « Nom du patient Émilie Lê »: a name label of several words whose colon OCR lost (or the form
 * never printed), at the start of a cell, with nothing after it but a person's name. Prose does
 * not put a capitalised name straight after "nom du patient"; one-word labels ("Patient",
 * "Médecin") stay needing their separator, since prose does ("le patient Marc Roy").
 */
function nameLabelBeforeName(g: LabelGroup, label: string, atCellStart: boolean, rest: string): boolean {
  return g.key === 'fullName' && atCellStart && /\s/.test(label.trim()) && NAME_TO_LINE_END.test(rest);
}

/**
 * Every label in a line (non-overlapping, in line order). `folded` is `fold(text)`.
 *
 * Form words ("Nom", "Prénom", "Date") count at the start of a cell; OCR and PDF text often lose
 * the column gap between two cells of a form row ("Nom : Roy Prénom : Luc"), so a form word
 * followed by its own ":" further along a line that already started with a "Label :" counts too.
 */
export function findLabels(text: string, foldedAsRead: string): LabelHit[] {
  const folded = withLabelSlipsUndone(foldedAsRead);
  const hits: (LabelHit & { strength: number; midLine: boolean; colon: boolean })[] = [];
  for (const raw of rawMatches(folded)) {
    const { g, end: labelEnd } = raw;
    let index = raw.index;
    let before = folded.slice(0, index);
    let atCellStart = CELL_START.test(before);
    // "Virst name / Prénom :": the French half of a bilingual label whose English half OCR garbled.
    const slash = /\s\/\s*$/.exec(before);
    if (!atCellStart && slash && /^\s*[:;]/.test(folded.slice(labelEnd))) {
      const start = englishHalfStart(folded, slash.index);
      if (start !== null) {
        index = start;
        before = folded.slice(0, index);
        atCellStart = CELL_START.test(before) || /\s$/.test(before);
      }
    }
    const after = folded.slice(labelEnd);
    const sep = SEPARATOR.exec(after)?.[0] ?? '';
    const colon = /[:;=]/.test(sep);
    const midLine = !g.anywhere && !atCellStart;
    if (midLine && (!colon || !/\s$/.test(before))) continue;
    const hasSep = /[:;=.>-]/.test(sep) || /^\s*$/.test(after) || /^\s{2,}/.test(after);
    if (
      g.needsSep &&
      !hasSep &&
      !nameLabelBeforeName(g, folded.slice(index, labelEnd), atCellStart, text.slice(labelEnd))
    )
      continue;
    if (g.colonOnly && !colon) continue;
    // One- and two-letter labels ("À", "De", "To", "Re", "cc") only with a real "label :".
    if (!g.anywhere && folded.slice(index, labelEnd).replace(/[^a-z]/g, '').length <= 2 && !colon) continue;
    // After ", " a label must be a real "label :" (prose has commas too).
    if (!g.anywhere && /[,;.]\s+$/.test(before) && !colon) continue;
    // "(téléc. 450 555-1212)" after a place's name is part of that value, not a label of its own.
    if ((g.key === 'fax' || g.key === 'phone') && /\(\s*$/.test(before)) continue;
    const valueStart =
      labelEnd + sep.length + ((/^\s*/.exec(after.slice(sep.length)) ?? [''])[0]?.length ?? 0);
    hits.push({
      key: g.key,
      role: g.role,
      long: !!g.long,
      keepLabel: !!g.keepLabel,
      index,
      labelEnd,
      valueStart,
      strength: labelEnd - index + (hasSep ? 0.5 : 0) - (midLine ? 0.25 : 0),
      midLine,
      colon,
    });
  }
  // Longest label wins where two overlap ("Date de naissance" over "Date").
  hits.sort((a, b) => b.strength - a.strength || a.index - b.index);
  const kept: (typeof hits)[number][] = [];
  for (const h of hits) {
    if (kept.some((k) => h.index < k.labelEnd && h.labelEnd > k.index)) continue;
    kept.push(h);
  }
  kept.sort((a, b) => a.index - b.index);
  // A mid-line form word is a label only on a form row: a "Label :" already opened the line.
  const out: LabelHit[] = [];
  for (const h of kept) {
    // A label inside another's separator is its qualifier ("Nom / Last name :"), not a label.
    if (out.some((o) => h.index >= o.labelEnd && h.index < o.valueStart)) continue;
    if (
      h.midLine &&
      !out.some((o) => o.index < h.index && /[:;=]/.test(folded.slice(o.labelEnd, o.valueStart)))
    )
      continue;
    const { strength: _s, midLine: _m, colon: _c, ...hit } = h;
    out.push(hit);
  }
  return out.length > 0
    ? [...out, ...garbledHeaderCells(folded, out)].sort((a, b) => a.index - b.index)
    : out;
}

/**
 * Label words of one plain word ("prenom", "telephone", "naissance"…), for the header cells below.
 * Words of five letters or more only: shorter ones are a slip away from too many names.
 */
const PLAIN_LABEL_WORDS = COMPILED.flatMap((g) =>
  g.variants
    .map((v) => v.replace(/s\?$/, ''))
    .filter((v) => /^[a-z]{5,}$/.test(v))
    .map((word) => ({ word, g })),
);

/**
 * A form's header row ("Nom   Préthom   Sexe"): cells that each hold one label, above a row of
 * values. Once one cell of the line is a label, a lone word in another cell that is two OCR slips
 * from a label word ("Préthom", "bréhom" for « Prénom »; "Teléphane") is that label too. Alone on
 * its line such a word stays a value: a surname can be two letters from a label word; in a row
 * of labels it cannot be a value, since values sit in the row below.
 */
function garbledHeaderCells(folded: string, found: LabelHit[]): LabelHit[] {
  const onlyLabels = found.every(
    (h) => h.valueStart >= folded.length || /^\s{2,}/.test(folded.slice(h.labelEnd)),
  );
  if (!onlyLabels) return [];
  const hits: LabelHit[] = [];
  for (const cell of folded.matchAll(/(?<=^|\s{2,})([a-z]{5,})(?=\s{2,}|\s*$)/g)) {
    const index = cell.index ?? 0;
    const end = index + cell[0].length;
    if (found.some((h) => index < h.valueStart && end > h.index)) continue;
    const best = PLAIN_LABEL_WORDS.map(({ word, g }) => ({ g, d: editDistance(cell[0], word) })).sort(
      (a, b) => a.d - b.d,
    )[0];
    if (!best || best.d > (cell[0].length >= 6 ? 2 : 1)) continue;
    const gap = /^\s*/.exec(folded.slice(end))?.[0].length ?? 0;
    hits.push({
      key: best.g.key,
      role: best.g.role,
      long: !!best.g.long,
      keepLabel: !!best.g.keepLabel,
      index,
      labelEnd: end,
      valueStart: end + gap,
    });
  }
  return hits;
}

/** Section words, for headers like "PRESCRIPTEUR", "Identification de l'usager", "Patient / Usager". */
const SECTION_PRESCRIBER = new RegExp(
  `^(?:identification|renseignements|informations?|coordonnees|donnees)?\\s*(?:du |de la |de l'|sur le |sur la |sur l')?\\s*(?:${loose(PRESCRIBER_WORDS + '(?: (?:referent|referant|requerant|traitant|prescripteur|demandeur))?')}|${loose('prescripteur|prescriber|referring physician|ordering physician|physician|medecin ou ips|professionnel de la sante')})(?:\\s*/\\s*[a-z' ]{3,30})?$`,
);
const SECTION_PATIENT = new RegExp(
  `^(?:identification|renseignements|informations?|coordonnees|donnees)?\\s*(?:du |de la |de l'|sur le |sur la |sur l')?\\s*(?:${loose(PATIENT_WORDS)}|${loose('patient\\(e\\)|usager\\(e\\)|patient information|patient')})(?:\\s*/\\s*[a-z'() ]{3,30})?$`,
);
const SECTION_ORDER = new RegExp(
  `^(?:${loose("examens?(?: demandee?s?| requise?s?)?|renseignements cliniques|ordonnance|requete|demande d'examen|exam(?:ination)? requested|clinical information|imagerie|type d'examen")})(?:\\s*/\\s*[a-z' ]{3,30})?$`,
);

/** A cell that is a section header: whose details follow. `null` role: the order section. */
export function sectionOf(foldedCell: string): { role: Role | null } | undefined {
  const t = foldedCell
    .replace(/^[\s\d.)#*•-]+/, '')
    .replace(/[\s:;.\-_*]+$/, '')
    .trim();
  if (t.length === 0 || t.length > 60) return undefined;
  if (SECTION_PRESCRIBER.test(t)) return { role: 'prescriber' };
  if (SECTION_PATIENT.test(t)) return { role: 'patient' };
  if (SECTION_ORDER.test(t)) return { role: null };
  return undefined;
}
