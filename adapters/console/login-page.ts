/**
 * The console's sign-in pages: the form a clerk pastes the access token into (shown instead
 * of any page while not signed in), and the page that follows a good token. No script: the
 * form posts to /login, the next page goes on to the channel by itself (a meta refresh from
 * the console's own page, so the browser sends the new SameSite=Strict cookie with it, even
 * when the sign-in came from the sign-in file, a page of another origin).
 */
import { escapeHtml as e } from './http.ts';
import { SIGN_IN_PATH } from './access.ts';

export interface SignInStrings {
  htmlLang: string;
  title: string;
  intro: string;
  /** Where the token is, for the clerk on this computer; null when the administrator chose it. */
  where: (tokenFile: string | null) => string;
  label: string;
  submit: string;
  wrong: string;
  signedIn: string;
  go: string;
}

const fr: SignInStrings = {
  htmlLang: 'fr',
  title: 'Faxdesk — connexion à la console',
  intro: 'Cette console montre des renseignements de santé : elle demande son jeton d’accès.',
  where: (file) =>
    file === null
      ? 'Demandez le jeton à la personne qui administre Faxdesk.'
      : `Sur l’ordinateur où Faxdesk tourne, ouvrez le fichier console-login.html du même dossier que ${file} : il vous connecte sans rien copier. Ou collez ici le contenu de ${file}.`,
  label: 'Jeton d’accès',
  submit: 'Se connecter',
  wrong: 'Ce jeton n’est pas le bon.',
  signedIn: 'Connexion réussie : ouverture de la console…',
  go: 'Ouvrir la console',
};

const en: SignInStrings = {
  htmlLang: 'en',
  title: 'Faxdesk — console sign-in',
  intro: 'This console shows health information: it asks for its access token.',
  where: (file) =>
    file === null
      ? 'Ask whoever runs Faxdesk for the token.'
      : `On the computer Faxdesk runs on, open the file console-login.html in the same folder as ${file}: it signs you in with nothing to copy. Or paste the content of ${file} here.`,
  label: 'Access token',
  submit: 'Sign in',
  wrong: 'That is not the right token.',
  signedIn: 'Signed in: opening the console…',
  go: 'Open the console',
};

export function signInStrings(lang: 'fr' | 'en'): SignInStrings {
  return lang === 'en' ? en : fr;
}

function page(s: SignInStrings, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${s.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(s.title)}</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/console.css">
${head}
</head>
<body class="original">
<header class="original-header"><h1>${e(s.title)}</h1></header>
${body}
</body>
</html>`;
}

export function signInFormPage(s: SignInStrings, opts: { tokenFile: string | null; wrong: boolean }): string {
  return page(
    s,
    `${opts.wrong ? `<p class="notice" role="alert">${e(s.wrong)}</p>` : ''}
<p class="notice">${e(s.intro)} ${e(s.where(opts.tokenFile))}</p>
<form class="sign-in" method="post" action="${SIGN_IN_PATH}">
  <label>${e(s.label)} <input type="password" name="token" autocomplete="current-password" required autofocus></label>
  <button class="tool-button" type="submit">${e(s.submit)}</button>
</form>`,
  );
}

export function signedInPage(s: SignInStrings): string {
  return page(
    s,
    `<p class="notice">${e(s.signedIn)} <a href="/">${e(s.go)}</a></p>`,
    '<meta http-equiv="refresh" content="0;url=/">',
  );
}
