/**
 * The console's search box (in the channel's header) and its results panel: static markup,
 * strings escaped; behaviour in public/search.js.
 */
import { escapeHtml as e } from './http.ts';
import { searchBoxStrings } from './search.ts';

export function searchBoxHtml(lang: 'fr' | 'en'): string {
  const s = searchBoxStrings(lang);
  return `<form id="search" class="search" role="search" autocomplete="off">
          <label class="visually-hidden" for="search-input">${e(s.label)}</label>
          <input id="search-input" name="q" type="search" maxlength="200" placeholder="${e(s.placeholder)}" title="${e(s.label)}">
          <button class="tool-button" type="submit">${e(s.submit)}</button>
        </form>`;
}

export function searchPanelHtml(lang: 'fr' | 'en'): string {
  const s = searchBoxStrings(lang);
  return `<aside id="search-panel" class="search-panel" aria-label="${e(s.panelTitle)}" hidden>
  <div class="search-panel-head">
    <h2>${e(s.panelTitle)}</h2>
    <button id="search-close" class="tool-button" type="button">${e(s.close)}</button>
  </div>
  <p id="search-headline" class="search-headline" role="status" aria-live="polite"></p>
  <p id="search-note" class="search-note" hidden></p>
  <ol id="search-results" class="search-results"></ol>
</aside>`;
}
