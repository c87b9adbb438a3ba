/**
 * The console's HTML pages. Static markup with the strings filled in (escaped); behaviour
 * lives in public/console.js. No inline script: the Content-Security-Policy forbids it.
 */
import { escapeHtml as e } from './http.ts';
import type { ConsoleStrings } from './strings.ts';
import type { OriginalFile } from './originals.ts';
import { searchBoxHtml, searchPanelHtml } from './search-page.ts';

function head(s: ConsoleStrings, title: string, scripts: string[]): string {
  return `<!doctype html>
<html lang="${s.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/adaptivecards.css">
<link rel="stylesheet" href="/assets/console.css">
${scripts.map((src) => `<script src="${src}" defer></script>`).join('\n')}
</head>`;
}

function initials(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}

export interface IndexPageOptions {
  user: string;
  samples: boolean;
  lang: 'fr' | 'en';
  /** A fax source in trouble (the mailbox unreachable): shown under the title. */
  notice?: string | null;
}

export function indexPage(s: ConsoleStrings, opts: IndexPageOptions): string {
  const config = {
    lang: opts.lang,
    locale: s.locale,
    appName: s.appName,
    botBadge: s.botBadge,
    empty: s.empty,
    more: s.more,
    live: s.live,
    reconnecting: s.reconnecting,
    networkError: s.networkError,
    title: s.title,
    filtersNone: s.filters.none,
    undo: s.undo,
    signedOut: s.signedOut,
    signInAgain: s.signInAgain,
    backOff: s.backOff,
  };
  const filters = (['pending', 'auth_requested', 'reported', 'accepted', 'rejected', 'all'] as const)
    .map(
      (f) =>
        `<button type="button" class="filter" data-filter="${f}" aria-pressed="${f === 'all'}">` +
        `${e(s.filters[f])} <span class="count" data-count="${f}">0</span></button>`,
    )
    .join('\n      ');
  return `${head(s, s.title, [
    '/assets/markdown-it.min.js',
    '/assets/adaptivecards.min.js',
    '/assets/console.js',
    '/assets/search.js',
  ])}
<body data-config="${e(JSON.stringify(config))}">
<div class="app">
  <nav class="rail" aria-label="Faxdesk">
    <div class="rail-logo" aria-hidden="true">FD</div>
  </nav>
  <aside class="channels">
    <div class="team">Faxdesk</div>
    <div class="channel active"># ${e(s.channel)}</div>
  </aside>
  <main class="channel-main">
    <header class="channel-header">
      <div class="channel-title">
        <h1>${e(s.title)}</h1>
        <p>${e(s.subtitle(opts.user))}</p>
        ${opts.notice ? `<p class="source-notice" role="alert">⚠ ${e(opts.notice)}</p>` : ''}
      </div>
      <div class="channel-tools">
        ${searchBoxHtml(opts.lang)}
        <span id="live" class="live" data-state="connecting">${e(s.reconnecting)}</span>
        ${
          opts.samples
            ? `<button id="drop-samples" class="tool-button" type="button" title="${e(s.dropSamplesHint)}">${e(s.dropSamples)}</button>`
            : ''
        }
        <span class="me" title="${e(opts.user)}">${e(initials(opts.user))}</span>
      </div>
    </header>
    <nav class="filters" aria-label="${e(s.filters.label)}">
      ${filters}
    </nav>
    <p id="session" class="session" role="alert" hidden></p>
    <section id="feed" class="feed" aria-labelledby="feed-heading" aria-busy="true">
      <h2 id="feed-heading" class="visually-hidden">${e(s.feedHeading)}</h2>
    </section>
    <div class="more"><button id="more" class="tool-button" type="button" hidden>${e(s.more)}</button></div>
  </main>
  ${searchPanelHtml(opts.lang)}
</div>
<div id="toasts" class="toasts" role="status" aria-live="polite"></div>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
</body>
</html>`;
}

export function originalPage(
  s: ConsoleStrings,
  faxId: string,
  file: OriginalFile | null,
  pageCount: number,
): string {
  const base = `/faxes/${faxId}/original`;
  const notices: string[] = [];
  if (file === null) notices.push(s.original.missing);
  else {
    if (file.quarantined) notices.push(s.original.quarantined);
    if (pageCount === 0) notices.push(s.original.cannotShow);
  }
  const pages = Array.from(
    { length: pageCount },
    (_, i) => `<figure class="page">
  <img src="${base}/pages/${i + 1}.png" alt="${e(s.original.page(i + 1, pageCount))}" loading="lazy">
  <figcaption>${e(s.original.page(i + 1, pageCount))}</figcaption>
</figure>`,
  );
  return `${head(s, `${s.original.title} — ${faxId}`, [])}
<body class="original">
<header class="original-header">
  <a href="/">${e(s.original.back)}</a>
  <h1>${e(s.original.title)} <small>${e(faxId)}</small></h1>
  ${file !== null ? `<a class="tool-button" href="${base}/file">${e(s.original.download)}</a>` : ''}
</header>
${notices.map((n) => `<p class="notice">${e(n)}</p>`).join('\n')}
<main class="pages">
${pages.join('\n')}
</main>
</body>
</html>`;
}

export function messagePage(s: ConsoleStrings, title: string, text: string): string {
  return `${head(s, title, [])}
<body class="original">
<header class="original-header"><h1>${e(title)}</h1></header>
<p class="notice">${e(text)}</p>
</body>
</html>`;
}
