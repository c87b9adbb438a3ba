/**
 * Which names in the inbox are faxes to take in. Fax servers and copy tools
 * write under temporary names and rename at the end; editors and OSes leave
 * hidden files; quarantine notes must never be taken for faxes.
 */
const IGNORED_SUFFIXES = [
  '.part',
  '.partial',
  '.tmp',
  '.temp',
  '.crdownload',
  '.download',
  '.swp',
  '.reason.txt',
];
const IGNORED_NAMES = new Set(['thumbs.db', 'desktop.ini']);

export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.length === 0) return true;
  if (lower.startsWith('.')) return true; // dotfiles, including .DS_Store and rsync's .name.XXXXXX
  if (lower.startsWith('~$') || lower.endsWith('~')) return true; // Office lock files, editor backups
  if (IGNORED_NAMES.has(lower)) return true;
  return IGNORED_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}
