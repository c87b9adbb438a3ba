/**
 * What a configuration mistake is called, in the administrator's language (FAXDESK_LANGUAGE):
 * zod's own messages are English and name types (« expected number, received NaN »); these say
 * what value is wanted, in French by default.
 */
import type { z } from 'zod';

export type ConfigLang = 'fr' | 'en';

/** The language to speak before the configuration is read: FAXDESK_LANGUAGE if valid, else French. */
export function configLang(value: unknown): ConfigLang {
  return value === 'en' ? 'en' : 'fr';
}

const list = (values: readonly unknown[], lang: ConfigLang) =>
  values.map((v) => (lang === 'en' ? `“${String(v)}”` : `« ${String(v)} »`)).join(', ');

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, lang: ConfigLang) {
  const min = issue.minimum;
  const max = issue.maximum;
  if (min !== undefined)
    return lang === 'en'
      ? `${issue.inclusive === false ? 'greater than' : 'at least'} ${String(min)}`
      : `${issue.inclusive === false ? 'plus grand que' : 'au moins'} ${String(min)}`;
  return lang === 'en'
    ? `${issue.inclusive === false ? 'less than' : 'at most'} ${String(max)}`
    : `${issue.inclusive === false ? 'plus petit que' : 'au plus'} ${String(max)}`;
}

/** One issue as a sentence (without the variable's name, which the caller puts first). */
export function configIssueMessage(issue: z.core.$ZodIssue, lang: ConfigLang): string {
  const fr = lang === 'fr';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int')
        return fr ? 'un nombre est attendu' : 'a number is expected';
      if (issue.expected === 'string') return fr ? 'un texte est attendu' : 'a text is expected';
      return fr ? `valeur de type ${issue.expected} attendue` : `a ${issue.expected} is expected`;
    case 'too_small':
      if (issue.origin === 'string') return fr ? 'ne doit pas être vide' : 'must not be empty';
      return fr ? `doit valoir ${bound(issue, lang)}` : `must be ${bound(issue, lang)}`;
    case 'too_big':
      if (issue.origin === 'string')
        return fr
          ? `${String(issue.maximum)} caractères au plus`
          : `${String(issue.maximum)} characters at most`;
      return fr ? `doit valoir ${bound(issue, lang)}` : `must be ${bound(issue, lang)}`;
    case 'invalid_value':
      return fr
        ? `valeurs permises : ${list(issue.values, lang)}`
        : `allowed values: ${list(issue.values, lang)}`;
    case 'invalid_format':
      if (issue.format === 'email')
        return fr
          ? 'une adresse de courriel est attendue (nom@domaine)'
          : 'an e-mail address is expected (name@domain)';
      return fr ? `format invalide (${issue.format})` : `invalid format (${issue.format})`;
    default:
      return fr ? 'valeur invalide' : 'invalid value';
  }
}

export const CONFIG_TEXTS = {
  fr: {
    invalid: 'Configuration invalide :',
    unreadable: (path: string, why: string) => `Fichier de configuration illisible : ${path} (${why})`,
    badJson: (path: string, why: string) => `Fichier de configuration ${path} : JSON invalide (${why})`,
    notObject: (path: string) => `Fichier de configuration ${path} : un objet JSON est attendu`,
    unknownKeys: (path: string, keys: string, allowed: string) =>
      `Fichier de configuration ${path} : clé(s) inconnue(s) ${keys} (clés permises : ${allowed})`,
  },
  en: {
    invalid: 'Invalid configuration:',
    unreadable: (path: string, why: string) => `Configuration file cannot be read: ${path} (${why})`,
    badJson: (path: string, why: string) => `Configuration file ${path}: invalid JSON (${why})`,
    notObject: (path: string) => `Configuration file ${path}: a JSON object is expected`,
    unknownKeys: (path: string, keys: string, allowed: string) =>
      `Configuration file ${path}: unknown key(s) ${keys} (allowed keys: ${allowed})`,
  },
} as const;
