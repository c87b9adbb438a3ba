import { describe, expect, it } from 'vitest';
import { buildFaxCard } from '../../cards/fax-card.ts';
import { cardStrings } from '../../cards/i18n/index.ts';
import { ADAPTIVE_LIMITS, adaptiveCardBytes } from '../../cards/render/adaptive-limits.ts';
import { renderAdaptiveCard, type JsonObject } from '../../cards/render/adaptive.ts';
import type { FaxStatus } from '../../src/store/records.ts';
import { allScenarios, STATUSES, stressScenario, type Scenario } from './cases.ts';
import { adaptiveCardReport, adaptiveText, droppedProperties, faxFromScenario } from './helpers.ts';

const ORIGINAL = 'https://faxdesk.example/faxes/original';

function render(s: Scenario, refreshUserIds?: string[]) {
  const card = buildFaxCard(s.fax, s.events, { lang: s.lang, originalUrl: ORIGINAL });
  return renderAdaptiveCard(card, refreshUserIds ? { refreshUserIds } : {});
}

/** Every object in the card, depth first (actions inside show-cards included). */
function objects(v: unknown): JsonObject[] {
  if (Array.isArray(v)) return v.flatMap(objects);
  if (typeof v === 'object' && v !== null) {
    const o = v as JsonObject;
    return [o, ...Object.values(o).flatMap(objects)];
  }
  return [];
}

const executes = (card: unknown) => objects(card).filter((o) => o['type'] === 'Action.Execute');

describe('Adaptive Card for Teams', () => {
  const scenarios = allScenarios();

  it.each(scenarios.map((s) => [s.label, s] as const))(
    '%s: parses with no error or warning in the official library, nothing dropped',
    (_, s) => {
      const json = render(s);
      const { problems, roundTrip } = adaptiveCardReport(json);
      expect(problems).toEqual([]);
      expect(droppedProperties(json, roundTrip)).toEqual([]);
      expect(json.version).toBe('1.5');
      expect(adaptiveCardBytes(json)).toBeLessThanOrEqual(ADAPTIVE_LIMITS.cardBytes);
    },
  );

  it('the checker does catch a broken card', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlok', text: 'x' },
        { type: 'Input.Text', id: 'a', isRequired: true },
      ],
    };
    expect(adaptiveCardReport(broken).problems.length).toBeGreaterThanOrEqual(2);
    const misspelled = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x', wrapp: true }],
    };
    expect(droppedProperties(misspelled, adaptiveCardReport(misspelled).roundTrip)).toEqual([
      '$.body[0].wrapp',
    ]);
  });

  it('buttons are Universal Actions: verb = action id, data = fax id and the status shown', () => {
    const fax = faxFromScenario('valid', 51, { status: 'auth_requested' });
    const json = renderAdaptiveCard(buildFaxCard(fax, [], { lang: 'fr' }));
    const verbs = executes(json.actions).map((a) => a['verb']);
    expect(verbs).toEqual([
      'fax.auth_authenticated',
      'fax.auth_unreachable',
      'fax.auth_refused',
      'fax.report_problem',
    ]);
    for (const a of executes(json.actions))
      expect(a['data']).toEqual({ faxId: fax.id, expectedStatus: 'auth_requested' });
  });

  it.each(STATUSES)('%s: asks for a refresh so every viewer sees the current state', (status: FaxStatus) => {
    const fax = faxFromScenario('valid', 52, { status });
    const json = renderAdaptiveCard(buildFaxCard(fax, [], { lang: 'fr' }));
    expect(json['refresh']).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Actualiser',
        verb: 'fax.refresh',
        data: { faxId: fax.id, expectedStatus: status },
      },
    });
  });

  it('refreshes for the listed users when configured', () => {
    const s = allScenarios()[0];
    if (!s) throw new Error('no scenario');
    const json = render(s, ['29:user-a', '29:user-b']);
    expect((json['refresh'] as JsonObject)['userIds']).toEqual(['29:user-a', '29:user-b']);
    expect(adaptiveCardReport(json).problems).toEqual([]);
  });

  it('forms open in the card, with labelled inputs, and submit through Action.Execute', () => {
    const fax = faxFromScenario('no_phone', 53);
    const json = renderAdaptiveCard(buildFaxCard(fax, [], { lang: 'fr' }));
    const accept = json.actions[0];
    expect(accept?.['type']).toBe('Action.ShowCard');
    const inputs = objects(accept).filter((o) => String(o['type']).startsWith('Input.'));
    expect(inputs).toEqual([expect.objectContaining({ type: 'Input.Text', id: 'reason', isRequired: true })]);
    expect(executes(accept)).toEqual([
      expect.objectContaining({ verb: 'fax.accept', associatedInputs: 'auto' }),
    ]);
    const report = json.actions.find((a) => a['title'] === 'Signaler un problème');
    const choice = objects(report).find((o) => o['type'] === 'Input.ChoiceSet');
    expect((choice?.['choices'] as JsonObject[]).map((c) => c['value'])).toEqual([
      'missing_header',
      'unknown_sender',
      'unreadable_pages',
      'missing_pages',
      'other',
    ]);
  });

  it('gives the callback number as a tel: link, and never the service number as a link', () => {
    for (const s of scenarios) {
      const json = render(s);
      const text = adaptiveText(json);
      const phone = s.fax.order?.prescriber.phone;
      if (phone && phone !== '4184256508' && s.fax.verdict !== 'unreadable') {
        expect(text, s.label).toContain(`](tel:+1${phone})`);
      }
      expect(text, s.label).not.toMatch(/tel:\+?1?4184256508/);
      expect(text, s.label).not.toMatch(/\[[^\]]*418[^\]]*425[^\]]*6508[^\]]*\]\(/);
      for (const o of objects(json)) {
        if (typeof o['url'] === 'string') expect(o['url']).not.toMatch(/418\D*425\D*6508/);
      }
    }
  });

  it('shows the reminder on pending and auth_requested cards only', () => {
    for (const s of scenarios) {
      const text = adaptiveText(render(s));
      const reminder =
        s.lang === 'fr' ? 'Ne jamais appeler ni répondre par télécopie' : 'Never call or fax back';
      // Only where there is an order to authenticate: not on a lab result or an unreadable fax.
      const order = s.fax.verdict !== 'not_order' && s.fax.verdict !== 'unreadable';
      if (order && (s.fax.status === 'pending' || s.fax.status === 'auth_requested'))
        expect(text, s.label).toContain(reminder);
      else expect(text, s.label).not.toContain(reminder);
    }
  });

  it('links the original pages', () => {
    for (const s of scenarios) {
      // A link in the text (the card's buttons are its actions).
      expect(objects(render(s))).toContainEqual(
        expect.objectContaining({ type: 'TextBlock', text: expect.stringContaining(`](${ORIGINAL})`) }),
      );
    }
  });

  it('English cards carry no French verdict label', () => {
    const french = Object.values(cardStrings('fr').verdict).map((v) => v.label);
    for (const s of scenarios.filter((x) => x.lang === 'en')) {
      const text = adaptiveText(render(s));
      for (const label of french) expect(text, s.label).not.toContain(label);
    }
  });
});

describe('Adaptive Card limits, whatever the fax holds', () => {
  it.each(STATUSES.flatMap((st) => (['fr', 'en'] as const).map((l) => [st, l] as const)))(
    'stress (40-line note, 30 pages, 200 events) %s / %s: under the size budget, still valid',
    (status, lang) => {
      const s = stressScenario(status, lang);
      const json = render(s);
      expect(adaptiveCardBytes(json)).toBeLessThanOrEqual(ADAPTIVE_LIMITS.cardBytes);
      expect(adaptiveCardBytes(json)).toBeLessThan(ADAPTIVE_LIMITS.teamsMessageBytes);
      expect(adaptiveCardReport(json).problems).toEqual([]);
      const text = adaptiveText(json);
      expect(text).toContain(lang === 'fr' ? '… (suite dans la télécopie)' : '… (continued in the fax)');
      expect(text).toMatch(lang === 'fr' ? /… \d+ événements plus anciens/ : /… \d+ older events/);
      expect(text).toContain('30');
    },
  );

  it('a clinical note that swells when serialized still fits', () => {
    const s = stressScenario('pending', 'fr');
    if (!s.fax.order) throw new Error('no order');
    s.fax.order.clinicalInfo = '"\\\u0001 漢字'.repeat(4000);
    const json = render(s);
    expect(adaptiveCardBytes(json)).toBeLessThanOrEqual(ADAPTIVE_LIMITS.cardBytes);
    expect(adaptiveCardReport(json).problems).toEqual([]);
  });
});
