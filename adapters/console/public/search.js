/*
 * The console's search box: asks /api/search, lists the faxes found in a panel, and a click
 * on one shows its card in the channel (loading it if needed) and scrolls to it.
 * Plain browser JavaScript, no build step; every text goes in with textContent.
 */
(function () {
  'use strict';

  var form = document.getElementById('search');
  var input = document.getElementById('search-input');
  var panel = document.getElementById('search-panel');
  var closeButton = document.getElementById('search-close');
  var headline = document.getElementById('search-headline');
  var note = document.getElementById('search-note');
  var list = document.getElementById('search-results');
  if (!form || !panel) return;
  var config = JSON.parse(document.body.dataset.config);
  var asked = 0;

  function span(className, text) {
    var el = document.createElement('span');
    el.className = className;
    el.textContent = text;
    return el;
  }

  function hitElement(item, answer) {
    var li = document.createElement('li');
    li.className = 'search-hit';
    li.dataset.faxId = item.faxId;
    var open = document.createElement('button');
    open.type = 'button';
    open.className = 'search-hit-open';
    open.append(span('search-hit-name', item.patient));
    if (item.birth) open.append(document.createTextNode(' · ' + item.birth));
    open.append(
      span('search-hit-line', item.received + ' · ' + item.statusLabel + ' · ' + item.verdictLabel),
    );
    open.append(span('search-hit-line', item.exam));
    open.append(span('search-hit-link', item.card ? answer.openLabel : answer.notPostedLabel));
    if (item.card) {
      open.addEventListener('click', function () {
        window.faxdeskConsole.reveal(item.card);
      });
    } else {
      open.disabled = true;
    }
    li.append(open);
    return li;
  }

  function show(answer) {
    panel.hidden = false;
    panel.dataset.kind = answer.kind;
    headline.textContent = answer.headline;
    note.hidden = !answer.note;
    note.textContent = answer.note || '';
    list.replaceChildren.apply(
      list,
      answer.items.map(function (item) {
        return hitElement(item, answer);
      }),
    );
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var mine = ++asked;
    panel.setAttribute('aria-busy', 'true');
    fetch('/api/search?q=' + encodeURIComponent(input.value), { credentials: 'same-origin' })
      .then(function (res) {
        return res.json();
      })
      .then(function (answer) {
        // An older answer arriving after a newer one is dropped.
        if (mine === asked) show(answer);
      })
      .catch(function () {
        if (mine !== asked) return;
        show({ kind: 'error', headline: config.networkError, note: null, items: [] });
      })
      .then(function () {
        panel.setAttribute('aria-busy', 'false');
      });
  });

  function close() {
    panel.hidden = true;
    input.focus();
  }

  closeButton.addEventListener('click', close);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !panel.hidden) close();
  });
})();
