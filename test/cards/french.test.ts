/**
 * Every French string a card can show, read by a checker: each card variant (every verdict ×
 * status, an unsent and a sent problem report, a filed fax, an undone acceptance, senders whose
 * names start with a vowel or an h), its forms, the digest, the console's and the workflow's
 * messages. It fails on « de » before a vowel (« de Olivier »), on a straight apostrophe in our
 * own text, on double spaces, on empty labels and on a sentence left hanging after « : ».
 * Text read from the fax (names, the clinical note) is the sender's: only elision and spacing
 * around it are ours, so it is left out of the apostrophe check.
 */
import { describe, expect, it } from 'vitest';
import { fr as consoleFr } from '../../adapters/console/strings.ts';
import { buildActionForms, buildDigestCard, buildFaxCard, renderAdaptiveCard } from '../../cards/index.ts';
import type { Card } from '../../cards/index.ts';
import { WORKFLOW_MESSAGES } from '../../src/workflow/messages.ts';
import type { FaxEvent, FaxRecord } from '../../src/store/records.ts';
import { bigDigest } from '../digest/helpers.ts';
import { FAX_CASES, STATUSES } from './cases.ts';
import { adaptiveText, event, eventsFor, faxFromScenario } from './helpers.ts';

interface Said {
  where: string;
  text: string;
  /** Written by Faxdesk (not read from the fax, not typed by staff). */
  ours: boolean;
}

/** « de » before a vowel or a mute h, where French elides. */
const DE_VOWEL = /(^|[\s(«])de [aeiouyàâäéèêëîïôöûùüœæh]/i;

function problems(said: Said[]): string[] {
  const out: string[] = [];
  for (const { where, text, ours } of said) {
    if (text.trim() === '') out.push(`${where}: empty`);
    if (DE_VOWEL.test(text)) out.push(`${where}: « de » before a vowel: ${text}`);
    if (/ {2}/.test(text)) out.push(`${where}: double space: ${JSON.stringify(text)}`);
    if (ours && text.includes("'")) out.push(`${where}: straight apostrophe: ${text}`);
    if (/:\s*$|:\s*[.,;]|:\s*:/.test(text)) out.push(`${where}: dangling « : »: ${text}`);
    if (/ [,.]/.test(text.replace(/ \.{3}|…/g, ''))) out.push(`${where}: space before , or .: ${text}`);
  }
  return out;
}

/** Everything a card says, element by element. */
function cardSaid(card: Card, label: string): Said[] {
  const said: Said[] = [];
  const add = (where: string, text: string, ours = true) =>
    said.push({ where: `${label} ${where}`, text, ours });
  const h = card.header;
  add('verdict', h.verdictLabel);
  add('hint', h.hint);
  add('title', h.title, false);
  add('subtitle', h.subtitle);
  add('state', h.state.text);
  h.state.details.forEach((d, i) => add(`state detail ${i}`, d, false));
  add('summary', card.summary, false);
  for (const section of card.sections) {
    if (section.title) add(`${section.id} title`, section.title);
    for (const element of section.elements) {
      switch (element.kind) {
        case 'facts':
          for (const f of element.facts) {
            add(`${section.id} fact label`, f.label);
            add(`${section.id} fact ${f.label}`, f.value, false);
          }
          break;
        case 'text':
          add(`${section.id} text`, element.text, element.truncation !== 'fax');
          break;
        case 'status_list':
          for (const i of [...element.items, ...(element.collapsed?.items ?? [])])
            add(`${section.id} check`, i.text);
          if (element.collapsed) add(`${section.id} passed`, element.collapsed.label);
          break;
        case 'links':
          for (const l of element.links) add(`${section.id} link`, l.label);
          break;
        case 'history':
          // Staff's own words are quoted in the history: not ours.
          for (const e of element.entries) add(`${section.id} history`, e.text, !e.text.includes('«'));
          break;
        case 'callout':
          add(`${section.id} callout title`, element.title);
          for (const line of element.text.split('\n'))
            add(`${section.id} callout`, line, !line.includes('«'));
          for (const l of element.links) add(`${section.id} callout link`, l.label);
          break;
      }
    }
  }
  for (const a of card.actions) add(`button ${a.id}`, a.label);
  return said;
}

function withSender(fax: FaxRecord, firstName: string, lastName: string): FaxRecord {
  return fax.order
    ? { ...fax, order: { ...fax.order, header: { ...fax.order.header, sender: { firstName, lastName } } } }
    : fax;
}

/** Every variant: verdict × status, plus the events that change what a card says. */
function variants(): { label: string; fax: FaxRecord; events: FaxEvent[] }[] {
  const out = FAX_CASES.flatMap((c) =>
    STATUSES.map((status) => {
      const fax = c.make(status);
      return { label: `${c.name}/${status}`, fax, events: eventsFor(fax, status) };
    }),
  );
  const valid = faxFromScenario('valid', 501);
  out.push(
    { label: 'sender Olivier', fax: withSender(valid, 'Olivier', 'Roy'), events: [] },
    { label: 'sender Hélène', fax: withSender(valid, 'Hélène', 'Ouellet'), events: [] },
    { label: 'sender Yves', fax: withSender(valid, 'Yves', 'Côté'), events: [] },
    {
      label: 'unsent report',
      fax: valid,
      events: [
        event(valid.id, 'problem_reported', '2025-03-12T18:25:00.000Z', undefined, {
          category: 'missing_pages',
          mailed: false,
          error: 'not_configured',
        }),
      ],
    },
    {
      label: 'sent report',
      fax: valid,
      events: [
        event(valid.id, 'problem_reported', '2025-03-12T18:25:00.000Z', undefined, {
          category: 'other',
          mailed: true,
        }),
      ],
    },
  );
  const lab = faxFromScenario('lab_results', 502, { status: 'rejected' });
  out.push({
    label: 'filed',
    fax: lab,
    events: [event(lab.id, 'rejected', '2025-03-12T18:30:00.000Z', undefined, { disposition: 'filed' })],
  });
  const undone = faxFromScenario('valid', 503);
  out.push({
    label: 'accept undone',
    fax: undone,
    events: [
      event(undone.id, 'accepted', '2025-03-12T18:30:00.000Z'),
      event(undone.id, 'accept_undone', '2025-03-12T18:30:05.000Z'),
    ],
  });
  return out;
}

describe('French a Quebec clerk would write', () => {
  it.each(variants().map((v) => [v.label, v] as const))('card %s', (_, v) => {
    const card = buildFaxCard(v.fax, v.events, { lang: 'fr', originalUrl: 'https://x.test/o' });
    expect(problems(cardSaid(card, v.label))).toEqual([]);
    // What the renderer adds around the model (toggles, verdict line) is checked too.
    const rendered = adaptiveText(renderAdaptiveCard(card))
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^(AdaptiveCard|https?:|fax\.|Action\.|[A-Z][A-Za-z]+$)/.test(l));
    expect(problems(rendered.map((text) => ({ where: `${v.label} rendered`, text, ours: false })))).toEqual(
      [],
    );
  });

  it('forms', () => {
    const said: Said[] = [];
    for (const form of Object.values(buildActionForms('fr'))) {
      for (const t of [form.title, form.intro, form.submitLabel, form.cancelLabel])
        said.push({ where: form.id, text: t, ours: true });
      for (const f of form.fields) {
        said.push({ where: `${form.id} ${f.id}`, text: f.label, ours: true });
        said.push({ where: `${form.id} ${f.id} placeholder`, text: f.placeholder, ours: true });
        said.push({ where: `${form.id} ${f.id} error`, text: f.errorMessage, ours: true });
        if (f.value !== undefined && f.kind === 'text')
          said.push({ where: `${form.id} ${f.id} value`, text: f.value, ours: true });
      }
    }
    expect(problems(said)).toEqual([]);
  });

  it('the digest', () => {
    const digest = bigDigest(6);
    const item = digest.groups.find((g) => g.id === 'problem_reported')?.items[0];
    if (item) item.unsentReport = true;
    const card = buildDigestCard(digest);
    const said: Said[] = [
      { where: 'title', text: card.title, ours: true },
      { where: 'counts', text: card.counts, ours: true },
      ...card.sections.flatMap((s) => [
        { where: `${s.id} title`, text: s.title, ours: true },
        ...s.lines.flatMap((l) => (l.note ? [{ where: `${s.id} note`, text: l.note, ours: true }] : [])),
      ]),
    ];
    expect(problems(said)).toEqual([]);
  });

  it('the console and the workflow', () => {
    const said: Said[] = [];
    const walk = (where: string, value: unknown): void => {
      if (typeof value === 'string') said.push({ where, text: value, ours: true });
      else if (typeof value === 'function') {
        const out = (value as (...a: unknown[]) => unknown)(2, 1, 'Marie Lavoie', '14 h 32');
        if (typeof out === 'string') said.push({ where, text: out, ours: false });
      } else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(`${where}.${k}`, v);
    };
    walk('console', consoleFr);
    walk('workflow', { ...WORKFLOW_MESSAGES.fr, mailFailed: null, notPossible: null });
    const wf = WORKFLOW_MESSAGES.fr;
    for (const code of ['not_configured', 'connection', 'unknown'] as const)
      said.push({
        where: `mailFailed ${code}`,
        text: wf.mailFailed(code, 'soutien@x.test', '1 833 564-0404'),
        ours: true,
      });
    expect(problems(said)).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const bad = ['Télécopie de Olivier', "l'ordonnance", 'deux  espaces', '', 'Raison :', 'Rappel : .'];
    for (const text of bad) expect(problems([{ where: 'x', text, ours: true }]), text).not.toEqual([]);
  });
});
