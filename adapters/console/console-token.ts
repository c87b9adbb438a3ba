/**
 * The console's access token when the administrator chose none: generated at first start,
 * kept in FAXDESK_HOME/console-token (mode 0600: only the account Faxdesk runs as reads it)
 * and reused afterwards, so a bookmark and an open tab keep working across restarts.
 *
 * The clerk never has to copy it: at each start Faxdesk writes FAXDESK_HOME/console-login.html
 * (mode 0600 too), a page that signs in to the console when opened. The start-up banner
 * names that file, never the token (the banner lands in journald and terminal scrollback).
 * Both files are opened without following a symbolic link, and refused if someone else could
 * read them.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { escapeHtml } from './http.ts';
import { MIN_TOKEN_CHARS } from './settings.ts';

const PRIVATE = 0o600;
const NO_FOLLOW = constants.O_NOFOLLOW;

export class ConsoleTokenFileError extends Error {
  override name = 'ConsoleTokenFileError';
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

async function readPrivate(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConsoleTokenFileError(
      `${file} : fichier du jeton de la console illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'}).`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new ConsoleTokenFileError(`${file} : le jeton de la console n’est pas un fichier.`);
    // Readable by others: tighten it (the token itself is no worse off than before).
    if ((info.mode & 0o077) !== 0) await handle.chmod(PRIVATE);
    return (await handle.readFile('utf8')).trim();
  } finally {
    await handle.close();
  }
}

/** The token kept in `file`, created (0600, never over an existing file) at first start. */
export async function loadOrCreateConsoleToken(file: string): Promise<{ token: string; created: boolean }> {
  const existing = await readPrivate(file);
  if (existing !== null && existing.length >= MIN_TOKEN_CHARS) return { token: existing, created: false };
  await mkdir(dirname(file), { recursive: true });
  if (existing !== null) await rm(file); // empty or cut short: start again
  const token = newToken();
  const handle = await open(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
    PRIVATE,
  );
  try {
    await handle.writeFile(token + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(file, PRIVATE); // whatever the umask said
  return { token, created: true };
}

/**
 * The sign-in page: a form posting the token to the console's /login, sent at once by a line
 * of script (a button does it without script). POST, so the token never appears in an
 * address, the browser's history or a proxy's log.
 */
export function signInPage(consoleUrl: string, token: string, lang: 'fr' | 'en'): string {
  const action = new URL('/login', consoleUrl).href;
  const text =
    lang === 'en'
      ? { title: 'Faxdesk — opening the console…', button: 'Open the console' }
      : { title: 'Faxdesk — ouverture de la console…', button: 'Ouvrir la console' };
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${escapeHtml(text.title)}</title></head>
<body>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">${escapeHtml(text.button)}</button>
</form>
<script>document.forms[0].submit();</script>
</body>
</html>
`;
}

/** Writes the sign-in page for this start (0600, replaced atomically: it names the port). */
export async function writeSignInFile(file: string, html: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  const handle = await open(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
    PRIVATE,
  );
  try {
    await handle.writeFile(html, 'utf8');
  } finally {
    await handle.close();
  }
  await chmod(tmp, PRIVATE);
  await rename(tmp, file);
}
