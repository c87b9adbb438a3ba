/**
 * The retention card: what a fax's card becomes once `faxdesk purge` erased it. It says so
 * (French first, English too), keeps the reception and the history, shows nothing about the
 * patient (not even what staff typed in a reason), and offers no action, in both renderers.
 */
import { describe, expect, it } from 'vitest';
import { buildFaxCard } from '../../cards/fax-card.ts';
import { cardStrings } from '../../cards/i18n/index.ts';
import type { Card, Lang } from '../../cards/model.ts';
import { ADAPTIVE_LIMITS, adaptiveCardBytes } from '../../cards/render/adaptive-limits.ts';
import { renderAdaptiveCard, type JsonObject } from '../../cards/render/adaptive.ts';
import { renderSlackMessage } from '../../cards/render/slack.ts';
import { SLACK_LIMITS } from '../../cards/render/slack-limits.ts';
import { isPurged, PURGE_ACTOR, purgedRecord } from '../../src/purge/redact.ts';
import type { FaxEvent, FaxRecord, FaxStatus } from '../../src/store/records.ts';
import { leakedPatientData, patientFax, PATIENT_STRINGS } from '../workflow/helpers.ts';
import { FAX_CASES, LANGS, STATUSES, stressScenario } from './cases.ts';
import {
  adaptiveCardReport,
  adaptiveText,
  droppedProperties,
  event,
  eventsFor,
  slackText,
} from './helpers.ts';

const ORIGINAL = 'https://faxdesk.example/faxes/original';
const PURGED_AT = '2025-06-10T12:00:00.000Z';

/** The `purged` event as the store appends it (src/store/store.ts purgeFax). */
function purgedEvent(faxId: string): FaxEvent {
  return event(faxId, 'purged', PURGED_AT, PURGE_ACTOR, {
    retentionDays: 90,
    filesRemoved: 1,
    pagesDeleted: 3,
  });
}

/**
 * The fax full of patient data (test/workflow/helpers.ts), accepted with a reason and a problem
 * reported with a description that both name the patient (staff type what they type), then purged.
 */
function erased(status: FaxStatus = 'accepted'): { fax: FaxRecord; events: FaxEvent[] } {
  const fax = purgedRecord(patientFax({ status, receivedAt: '2025-03-12T18:05:00.000Z' }));
  const events = [
    ...eventsFor(fax, status),
    event(fax.id, 'problem_reported', '2025-03-12T18:40:00.000Z', undefined, {
      category: 'missing_pages',
      description: 'Page 2 de Jeanne Tremblay-Côté absente (NAM TREJ 8555 1512)',
    }),
    event(fax.id, 'accepted', '2025-03-12T18:45:00.000Z', undefined, {
      reason: 'NAM TREJ85551512 confirmé avec Jeanne au 514-555-0199',
    }),
    purgedEvent(fax.id),
  ];
  return { fax, events };
}

function renders(card: Card): { slack: string; adaptive: string } {
  return {
    slack: slackText(renderSlackMessage(card)),
    adaptive: adaptiveText(renderAdaptiveCard(card)),
  };
}

/** Every object in a JSON value, depth first. */
function objects(v: unknown): JsonObject[] {
  if (Array.isArray(v)) return v.flatMap(objects);
  if (typeof v === 'object' && v !== null) {
    const o = v as JsonObject;
    return [o, ...Object.values(o).flatMap(objects)];
  }
  return [];
}

describe('the card of a fax erased past retention', () => {
  it('the test fax does carry patient data before the purge (so "none leaked" means something)', () => {
    const live = patientFax();
    const card = buildFaxCard(live, [], { lang: 'fr' });
    expect(leakedPatientData(JSON.stringify(card)).length).toBeGreaterThan(5);
    expect(isPurged(purgedRecord(live))).toBe(true);
  });

  it.each(LANGS)('%s: no patient string anywhere, in the model or either renderer', (lang) => {
    const { fax, events } = erased();
    const card = buildFaxCard(fax, events, { lang, originalUrl: ORIGINAL });
    const { slack, adaptive } = renders(card);
    for (const text of [JSON.stringify(card), slack, adaptive]) {
      expect(leakedPatientData(text)).toEqual([]);
    }
    // The check messages are gone from the record; the card does not show their placeholder either.
    expect(JSON.stringify(card)).not.toContain('Effacé (durée');
    expect(PATIENT_STRINGS.length).toBeGreaterThan(10);
  });

  it('says in French that the content was erased, when, and keeps the reception facts', () => {
    const { fax, events } = erased();
    const card = buildFaxCard(fax, events, { lang: 'fr' });
    expect(card.header).toMatchObject({
      symbol: '🗑️',
      verdictLabel: 'Télécopie effacée (durée de conservation dépassée)',
      tone: 'neutral',
      title: 'Contenu effacé le 10 juin 2025 à 08 h 00',
      subtitle: 'Reçue le 12 mars 2025 à 14 h 05 · 3 pages',
    });
    expect(card.header.hint).toContain('aucune action n’est possible');
    expect(card.summary).toBe(
      '🗑️ Télécopie effacée (durée de conservation dépassée) — Reçue le 12 mars 2025 à 14 h 05 · 3 pages',
    );
    const reception = card.sections.find((s) => s.id === 'reception');
    expect(reception?.elements).toEqual([
      {
        kind: 'facts',
        facts: [
          { label: 'Reçue le', value: '12 mars 2025 à 14 h 05' },
          { label: 'Pages', value: '3' },
          { label: 'N° de télécopie', value: fax.id },
        ],
      },
    ]);
    const slack = renderSlackMessage(card);
    const header = slack.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(
      '🗑️ Télécopie effacée (durée de conservation dépassée) · Contenu effacé le 10 juin 2025 à 08 h 00',
    );
  });

  it('in English too, with no French label', () => {
    const { fax, events } = erased();
    const card = buildFaxCard(fax, events, { lang: 'en' });
    expect(card.header.verdictLabel).toBe('Fax erased (retention period over)');
    expect(card.header.title).toBe('Content erased on June 10, 2025 at 8:00 a.m.');
    const { slack, adaptive } = renders(card);
    for (const text of [slack, adaptive]) {
      expect(text).toContain('Fax erased (retention period over)');
      expect(text).toContain('Content erased at the end of the retention period (90 days)');
      expect(text).not.toMatch(/effacé|conservation|Reçue/);
    }
  });

  it('keeps the state and the history, says the purge in it, and quotes no free text', () => {
    const { fax, events } = erased('accepted');
    const fr = buildFaxCard(fax, events, { lang: 'fr' });
    const state = fr.sections.find((s) => s.id === 'state');
    expect(state?.elements[0]).toEqual({
      kind: 'text',
      text: 'Dernier état : Acceptée par Julie Roy le 12 mars 2025 à 14 h 45',
      style: 'strong',
      truncation: 'plain',
    });
    const history = state?.elements.find((e) => e.kind === 'history');
    expect(history?.kind === 'history' && history.entries.map((e) => e.text)).toEqual([
      'Julie Roy a accepté l’ordonnance',
      'Julie Roy a signalé un problème au soutien du service (pages manquantes)',
      'Julie Roy a accepté l’ordonnance',
      'Contenu effacé au terme de la durée de conservation (90 jours)',
    ]);
    expect(history?.kind === 'history' && history.entries.at(-1)?.at).toBe('10 juin 2025 à 08 h 00');
  });

  it('has no checks, no reminder, no problem callout, no original link and no buttons', () => {
    for (const lang of LANGS) {
      const { fax, events } = erased('pending');
      const card = buildFaxCard(fax, events, { lang, originalUrl: ORIGINAL });
      expect(card.sections.map((s) => s.id)).toEqual(['reception', 'state']);
      expect(card.actions).toEqual([]);
      const { slack, adaptive } = renders(card);
      for (const text of [slack, adaptive]) {
        expect(text).not.toContain(ORIGINAL);
        expect(text).not.toMatch(/Ne jamais appeler|Never call|prescripteur au numéro|call the prescriber/);
        expect(text).not.toMatch(/Accepter|Accept\b|Demander l’authentification|Signaler un problème/);
        expect(text).not.toMatch(/À vérifier|To review|Vérifications|Checks/);
      }
    }
  });
});

describe('every kind of fax, in every status, once erased', () => {
  const scenarios = FAX_CASES.flatMap((c) =>
    STATUSES.flatMap((status) =>
      LANGS.map((lang: Lang) => {
        const live = c.make(status);
        const fax = purgedRecord(live);
        return {
          label: `${c.name} / ${status} / ${lang}`,
          live,
          fax,
          // Staff named so that no generated patient or prescriber shares the name.
          events: [...eventsFor(fax, status), purgedEvent(fax.id)].map((e) =>
            e.actor.id.startsWith('system:') ? e : { ...e, actor: { id: e.actor.id, name: 'Commis' } },
          ),
          lang,
        };
      }),
    ),
  );

  it.each(scenarios.map((s) => [s.label, s] as const))(
    '%s: the retention card, valid and read-only in both renderers',
    (_, s) => {
      const card = buildFaxCard(s.fax, s.events, { lang: s.lang, originalUrl: ORIGINAL });
      const strings = cardStrings(s.lang);
      expect(card.header.verdictLabel).toBe(strings.retention.label);
      expect(card.sections.map((x) => x.id)).toEqual(['reception', 'state']);
      expect(card.actions).toEqual([]);

      const slack = renderSlackMessage(card);
      expect(slack.blocks.some((b) => b.type === 'actions')).toBe(false);
      expect(JSON.stringify(slack).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);

      const adaptive = renderAdaptiveCard(card);
      const { problems, roundTrip } = adaptiveCardReport(adaptive);
      expect(problems).toEqual([]);
      expect(droppedProperties(adaptive, roundTrip)).toEqual([]);
      expect(adaptive.actions).toEqual([]);
      // Only the refresh (it fetches this same card) is an Action.Execute; nothing in the body.
      expect(objects(adaptive.body).filter((o) => String(o['type']).startsWith('Action.'))).toEqual([]);

      // Nothing the live card showed from the fax itself: names, exam, check messages.
      const text = `${slackText(slack)}\n${adaptiveText(adaptive)}`;
      const order = s.live.order;
      const names = [
        order?.patient.lastName,
        order?.patient.nam,
        order?.prescriber.lastName,
        order?.header.sender?.lastName,
        order?.exam,
      ];
      for (const value of names) if (value) expect(text).not.toContain(value);
      for (const check of s.live.report.checks) expect(text).not.toContain(check.message);
      expect(text).toContain(
        strings.history.purged({
          actor: '',
          reason: null,
          category: null,
          description: null,
          filed: false,
          mailed: null,
          mailError: null,
          retentionDays: 90,
        }),
      );
    },
  );

  it.each(STATUSES.flatMap((st) => LANGS.map((l) => [st, l] as const)))(
    'stress (200 events with long descriptions) %s / %s: within both platforms’ limits, no description shown',
    (status, lang) => {
      const s = stressScenario(status, lang);
      const fax = purgedRecord(s.fax);
      const card = buildFaxCard(fax, [...s.events, purgedEvent(fax.id)], { lang });
      const slack = renderSlackMessage(card);
      expect(JSON.stringify(slack).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
      const adaptive = renderAdaptiveCard(card);
      expect(adaptiveCardBytes(adaptive)).toBeLessThanOrEqual(ADAPTIVE_LIMITS.cardBytes);
      expect(adaptiveCardReport(adaptive).problems).toEqual([]);
      const text = `${slackText(slack)}\n${adaptiveText(adaptive)}`;
      expect(text).not.toContain('blabla');
      // The purge is the latest entry: always among those shown.
      expect(text).toContain(
        lang === 'fr' ? 'durée de conservation (90 jours)' : 'retention period (90 days)',
      );
    },
  );
});
