/*
 * Faxdesk's local console, in the browser: fetches the cards, draws each one with the official
 * Adaptive Cards renderer (the same JSON Teams gets), sends clicks to the console, shows the
 * answer as a toast and keeps every card current through Server-Sent Events.
 * Plain browser JavaScript, no build step.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.body.dataset.config);
  var AC = window.AdaptiveCards;
  var feed = document.getElementById('feed');
  var moreButton = document.getElementById('more');
  var live = document.getElementById('live');
  var toasts = document.getElementById('toasts');
  var dropButton = document.getElementById('drop-samples');
  var announcer = document.getElementById('announcer');
  var session = document.getElementById('session');
  var filterButtons = document.querySelectorAll('.filters .filter');
  /** Which cards are shown: a status, 'reported', or 'all'. */
  var filter = 'all';

  /** faxId → { json, el }: the cards on the page. */
  var cards = new Map();
  var nextBefore = null;

  /** What the tests (and a curious developer) can look at: every parse/validation problem. */
  var state = { problems: [], rendered: 0, ready: false };
  window.faxdeskConsole = state;

  // Markdown as Teams does it: emphasis, links (tel:, mailto:, https:), no raw HTML.
  var md = window.markdownit({ html: false, linkify: false, typographer: false, breaks: false });
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = md.renderInline(text);
    result.didProcess = true;
  };

  // Text colours shared by the white and the grey (emphasis) containers.
  var textColours = {
    default: { default: '#242424', subtle: '#616161' },
    accent: { default: '#4F52B2', subtle: '#6264A7' },
    good: { default: '#107C10', subtle: '#3B7A3B' },
    warning: { default: '#8A5A00', subtle: '#8A6A2A' },
    attention: { default: '#C4314B', subtle: '#A4373A' },
  };

  // A host config close to Teams' light theme.
  var hostConfig = new AC.HostConfig({
    fontFamily:
      "'Segoe UI', 'Segoe UI Web (West European)', system-ui, -apple-system, Roboto, 'Helvetica Neue', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 14, large: 18, extraLarge: 28, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E0E0E0' },
    fontTypes: {
      default: {
        fontFamily: "'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', sans-serif",
        fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 26 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
      monospace: {
        fontFamily: "'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace",
        fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 26 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
    },
    containerStyles: {
      default: {
        backgroundColor: '#FFFFFF',
        foregroundColors: Object.assign({}, textColours, {
          dark: { default: '#242424', subtle: '#616161' },
          light: { default: '#FFFFFF', subtle: '#F0F0F0' },
        }),
      },
      emphasis: {
        backgroundColor: '#F5F5F5',
        foregroundColors: textColours,
      },
      accent: {
        backgroundColor: '#EEF0FB',
        foregroundColors: { default: { default: '#242424', subtle: '#4F4F6F' } },
      },
      good: {
        backgroundColor: '#E9F5E6',
        foregroundColors: { default: { default: '#1B3A1B', subtle: '#3B5A3B' } },
      },
      warning: {
        backgroundColor: '#FFF6DB',
        foregroundColors: { default: { default: '#3D2E00', subtle: '#5F4B14' } },
      },
      attention: {
        backgroundColor: '#FDEDEF',
        foregroundColors: { default: { default: '#4A1620', subtle: '#6E3440' } },
      },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    factSet: {
      title: {
        weight: 'bolder',
        size: 'default',
        color: 'default',
        isSubtle: true,
        wrap: true,
        maxWidth: 190,
      },
      value: { wrap: true },
      spacing: 8,
    },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { suffix: ' *', suffixColor: 'attention' },
        optionalInputs: {},
      },
      errorMessage: { size: 'small', color: 'attention', spacing: 'small' },
    },
  });

  /** A message for a few seconds; with `action` ({ label, run }), a button in it (Annuler). */
  function toast(message, kind, action, lastsMs) {
    if (!message) return;
    var el = document.createElement('div');
    el.className = 'toast toast-' + (kind || 'info');
    var text = document.createElement('span');
    text.textContent = message;
    el.appendChild(text);
    if (action) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'toast-action';
      button.textContent = action.label;
      button.addEventListener('click', function () {
        el.remove();
        action.run();
      });
      el.appendChild(button);
    }
    toasts.appendChild(el);
    setTimeout(
      function () {
        el.classList.add('leaving');
        setTimeout(function () {
          el.remove();
        }, 400);
      },
      lastsMs || (kind === 'error' ? 9000 : 6000),
    );
    return el;
  }

  /** The sign-in is gone (401): say so, with the way back in; live updates stop. */
  function signedOut() {
    session.replaceChildren();
    var text = document.createElement('span');
    text.textContent = config.signedOut + ' ';
    var link = document.createElement('a');
    link.href = '/';
    link.textContent = config.signInAgain;
    session.append(text, link);
    session.hidden = false;
    live.dataset.state = 'signed-out';
    live.textContent = config.signedOut;
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (res) {
      if (res.status === 401) signedOut();
      return res.json().then(function (json) {
        return { status: res.status, json: json };
      });
    });
  }

  function whenText(iso) {
    try {
      return new Date(iso).toLocaleString(config.locale, {
        timeZone: 'America/Toronto',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      return iso;
    }
  }

  function record(faxId, where, events) {
    events.forEach(function (ev) {
      state.problems.push(
        faxId + ' ' + where + ': ' + (AC.ValidationEvent[ev.event] || ev.event) + ': ' + ev.message,
      );
    });
  }

  function onCardAction(entry, article, action) {
    var type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      var url = action.url || '';
      if (/^(tel|mailto):/i.test(url)) window.location.href = url;
      else window.open(url, '_blank', 'noopener');
      return;
    }
    if (type !== 'Action.Execute') return;
    article.classList.add('busy');
    var data = action.data || {};
    api('POST', '/api/actions', { verb: action.verb, data: data })
      .then(function (res) {
        // An acceptance can be taken back for a few seconds (recorded as an event, `accept_undone`).
        var undo =
          res.json.ok && action.verb === 'fax.accept'
            ? {
                label: config.undo,
                run: function () {
                  api('POST', '/api/actions', {
                    verb: 'fax.undo_accept',
                    data: { faxId: data.faxId, expectedStatus: 'accepted' },
                  })
                    .then(function (r) {
                      toast(r.json.message, r.json.ok ? 'ok' : 'error');
                      if (r.json.card) upsert(r.json.card, false);
                    })
                    .catch(function () {
                      toast(config.networkError, 'error');
                    });
                },
              }
            : null;
        toast(res.json.message, res.json.ok ? 'ok' : 'error', undo, undo ? 20000 : 0);
        if (res.json.card) upsert(res.json.card, false);
      })
      .catch(function () {
        toast(config.networkError, 'error');
      })
      .then(function () {
        article.classList.remove('busy');
      });
  }

  function drawCard(entry, article) {
    var card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    var context = new AC.SerializationContext();
    card.parse(entry.card, context);
    var parseEvents = [];
    for (var i = 0; i < context.eventCount; i++) parseEvents.push(context.getEventAt(i));
    record(entry.faxId, 'parse', parseEvents);
    record(entry.faxId, 'validate', card.validateProperties().validationEvents);
    card.onExecuteAction = function (action) {
      onCardAction(entry, article, action);
    };
    var rendered = card.render();
    var body = article.querySelector('.message-card');
    body.replaceChildren(rendered);
    // Links inside texts (tel:, mailto:, a digest's #fax-… anchors) open in place, the way a chat client does.
    body.querySelectorAll('a[href]').forEach(function (a) {
      if (/^(tel:|mailto:|#)/i.test(a.getAttribute('href'))) a.removeAttribute('target');
      a.rel = 'noopener noreferrer';
    });
    state.rendered++;
  }

  function newArticle(entry) {
    var article = document.createElement('article');
    article.className = 'message';
    article.id = 'fax-' + entry.faxId;
    article.dataset.faxId = entry.faxId;
    article.setAttribute('aria-labelledby', 'heading-' + entry.faxId);
    var avatar = document.createElement('div');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = 'FD';
    var main = document.createElement('div');
    main.className = 'message-main';
    var meta = document.createElement('div');
    meta.className = 'message-meta';
    var name = document.createElement('span');
    name.className = 'author';
    name.textContent = config.appName;
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = config.botBadge;
    var time = document.createElement('time');
    time.dateTime = entry.receivedAt;
    time.textContent = whenText(entry.receivedAt);
    meta.append(name, badge, time);
    // Each card has a heading (state or verdict, sender): screen readers jump from card to card.
    var heading = document.createElement('h3');
    heading.className = 'visually-hidden card-heading';
    heading.id = 'heading-' + entry.faxId;
    var body = document.createElement('div');
    body.className = 'message-card';
    main.append(meta, heading, body);
    article.append(avatar, main);
    return article;
  }

  /** Inserts or replaces a fax's card, keeping newest first (ids sort by reception time). */
  function upsert(entry, arriving) {
    var known = cards.get(entry.faxId);
    var json = JSON.stringify(entry.card);
    if (known && known.json === json) return; // the same card again (our own click, then its broadcast)
    var article = known ? known.el : newArticle(entry);
    article.dataset.status = entry.status;
    article.dataset.verdict = entry.verdict;
    article.dataset.reported = entry.reported ? 'true' : 'false';
    article.querySelector('.card-heading').textContent = entry.heading || '';
    drawCard(entry, article);
    if (!known) {
      var after = null;
      cards.forEach(function (c, id) {
        if (id > entry.faxId && (after === null || id < after.id)) after = { id: id, el: c.el };
      });
      if (after) after.el.after(article);
      else feed.querySelector('#feed-heading').after(article);
      if (arriving) {
        // Say who sent it, not the whole card.
        announcer.textContent = entry.announcement || '';
        article.classList.add('arrived');
        setTimeout(function () {
          article.classList.remove('arrived');
        }, 2500);
      }
    } else if (arriving) {
      article.classList.add('updated');
      setTimeout(function () {
        article.classList.remove('updated');
      }, 1500);
    }
    cards.set(entry.faxId, { json: json, el: article, entry: entry });
    applyFilter();
    showEmpty();
  }

  function matches(entry, which) {
    if (which === 'all') return true;
    if (which === 'reported') return Boolean(entry.reported);
    return entry.status === which;
  }

  /** Shows the cards of the chosen state, counts each state, and puts the number waiting in the title. */
  function applyFilter() {
    var counts = { pending: 0, auth_requested: 0, reported: 0, accepted: 0, rejected: 0, all: 0 };
    cards.forEach(function (c) {
      if (c.entry.status === 'digest') {
        c.el.hidden = filter !== 'all';
        return;
      }
      Object.keys(counts).forEach(function (k) {
        if (matches(c.entry, k)) counts[k]++;
      });
      c.el.hidden = !matches(c.entry, filter);
    });
    document.querySelectorAll('.filters [data-count]').forEach(function (el) {
      el.textContent = String(counts[el.dataset.count]);
    });
    document.title = counts.pending > 0 ? '(' + counts.pending + ') ' + config.title : config.title;
    var none = feed.querySelector('.filter-empty');
    var shown = filter === 'all' || counts[filter] > 0;
    if (!shown && cards.size > 0 && !none) {
      none = document.createElement('p');
      none.className = 'filter-empty';
      none.textContent = config.filtersNone;
      feed.append(none);
    } else if ((shown || cards.size === 0) && none) none.remove();
  }

  filterButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      filter = button.dataset.filter;
      filterButtons.forEach(function (b) {
        b.setAttribute('aria-pressed', String(b === button));
      });
      applyFilter();
    });
  });

  /** Shows a fax's card, adding it when it is not loaded, and scrolls to it (the search panel's links). */
  state.reveal = function (entry) {
    if (!cards.has(entry.faxId)) upsert(entry, false);
    var known = cards.get(entry.faxId);
    if (!known) return false;
    known.el.hidden = false;
    known.el.scrollIntoView({ block: 'start' });
    known.el.classList.add('found');
    setTimeout(function () {
      known.el.classList.remove('found');
    }, 2500);
    return true;
  };

  function showEmpty() {
    var empty = feed.querySelector('.empty');
    if (cards.size === 0 && !empty) {
      empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = config.empty;
      feed.append(empty);
    } else if (cards.size > 0 && empty) empty.remove();
  }

  function loadPage(before) {
    var query = before ? '?before=' + encodeURIComponent(before) : '';
    return api('GET', '/api/cards' + query).then(function (res) {
      res.json.cards.forEach(function (c) {
        upsert(c, false);
      });
      if (!before) nextBefore = res.json.next;
      else nextBefore = res.json.next;
      moreButton.hidden = nextBefore === null;
      showEmpty();
    });
  }

  moreButton.addEventListener('click', function () {
    if (nextBefore)
      loadPage(nextBefore).catch(function () {
        toast(config.networkError, 'error');
      });
  });

  if (dropButton) {
    dropButton.addEventListener('click', function () {
      dropButton.disabled = true;
      api('POST', '/api/samples', {})
        .then(function (res) {
          toast(res.json.message, res.json.dropped > 0 ? 'ok' : 'info');
        })
        .catch(function () {
          toast(config.networkError, 'error');
        })
        .then(function () {
          dropButton.disabled = false;
        });
    });
  }

  function setLive(connected) {
    live.dataset.state = connected ? 'live' : 'connecting';
    live.textContent = connected ? config.live : config.reconnecting;
  }

  var wasDisconnected = false;
  /** Seconds before trying again after the stream was refused; doubles up to a minute. */
  var backOff = 2;

  function retryLater(seconds) {
    live.dataset.state = 'waiting';
    live.textContent = config.backOff.replace('{s}', String(seconds));
    setTimeout(connect, seconds * 1000);
  }

  /**
   * The stream was refused (EventSource gives up without saying why): ask once more with
   * fetch, to read the answer. 401: the sign-in is gone, say so and stop. 429: too many
   * streams, wait what Retry-After says (or longer each time). Anything else: wait, retry.
   */
  function whyRefused() {
    var controller = new AbortController();
    fetch('/api/stream', { credentials: 'same-origin', signal: controller.signal })
      .then(function (res) {
        controller.abort();
        if (res.status === 401) return signedOut();
        var after = Number(res.headers.get('Retry-After'));
        var wait = res.status === 429 && after > 0 ? Math.max(after, backOff) : backOff;
        backOff = Math.min(backOff * 2, 60);
        retryLater(wait);
      })
      .catch(function () {
        retryLater(backOff);
        backOff = Math.min(backOff * 2, 60);
      });
  }

  function connect() {
    var stream = new EventSource('/api/stream');
    stream.addEventListener('card', function (e) {
      upsert(JSON.parse(e.data), true);
    });
    stream.onopen = function () {
      setLive(true);
      backOff = 2;
      // Back after a break: what changed meanwhile is in the list.
      if (wasDisconnected) loadPage(null).catch(function () {});
      wasDisconnected = false;
    };
    stream.onerror = function () {
      setLive(false);
      wasDisconnected = true;
      // Closed for good (an HTTP error, not a dropped connection the browser retries itself).
      if (stream.readyState === EventSource.CLOSED) {
        stream.close();
        whyRefused();
      }
    };
  }

  loadPage(null)
    .catch(function () {
      toast(config.networkError, 'error');
    })
    .then(function () {
      feed.setAttribute('aria-busy', 'false');
      state.ready = true;
      connect();
    });
})();
