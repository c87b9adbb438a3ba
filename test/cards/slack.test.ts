import { describe, expect, it } from 'vitest';
import { ActionPayload } from '../../cards/actions.ts';
import { buildActionForms, buildFaxCard } from '../../cards/fax-card.ts';
import { cardStrings } from '../../cards/i18n/index.ts';
import { renderSlackMessage, renderSlackModal, type SlackBlock } from '../../cards/render/slack.ts';
import { SLACK_LIMITS } from '../../cards/render/slack-limits.ts';
import type { FaxStatus } from '../../src/store/records.ts';
import { allScenarios, STATUSES, stressScenario, type Scenario } from './cases.ts';
import { event, faxFromScenario, slackLimitProblems, slackText } from './helpers.ts';

const ORIGINAL = 'https://faxdesk.example/faxes/original';

function render(s: Scenario) {
  return renderSlackMessage(buildFaxCard(s.fax, s.events, { lang: s.lang, originalUrl: ORIGINAL }));
}

const buttons = (blocks: SlackBlock[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('Slack Block Kit', () => {
  const scenarios = allScenarios();

  it.each(scenarios.map((s) => [s.label, s] as const))('%s: within every Block Kit limit', (_, s) => {
    expect(slackLimitProblems(render(s))).toEqual([]);
  });

  it('the limit checker does catch a message over the limits', () => {
    const long = 'x'.repeat(3001);
    const bad = {
      text: 'x',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'y'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: long } },
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        { type: 'section', text: { type: 'mrkdwn', text: 'a <b> & c' } },
        ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
      ],
    };
    const problems = slackLimitProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('> 50 blocks'),
        expect.stringContaining('blocks[0].text: 151 > 150'),
        expect.stringContaining('blocks[1].text: 3001 > 3000'),
        expect.stringContaining('blocks[2].fields'),
        expect.stringContaining('unescaped < or >'),
        expect.stringContaining('unescaped &'),
      ]),
    );
  });

  it.each(STATUSES)(
    '%s: one button per allowed action, value = {faxId, expectedStatus}',
    (status: FaxStatus) => {
      const fax = faxFromScenario('no_phone', 61, { status });
      const message = renderSlackMessage(buildFaxCard(fax, [], { lang: 'fr' }));
      const expected: Record<FaxStatus, string[]> = {
        // No number to call in this order: no « Demander l’authentification ».
        pending: ['fax.accept', 'fax.reject', 'fax.report_problem'],
        auth_requested: [
          'fax.auth_authenticated',
          'fax.auth_unreachable',
          'fax.auth_refused',
          'fax.report_problem',
        ],
        accepted: ['fax.report_problem'],
        rejected: ['fax.report_problem'],
      };
      const els = buttons(message.blocks);
      expect(els.map((b) => b.action_id)).toEqual(expected[status]);
      for (const b of els) {
        const value = ActionPayload.parse(JSON.parse(b.value));
        expect(value).toMatchObject({ faxId: fax.id, expectedStatus: status });
      }
      // An incomplete order: accepting asks a reason first (the adapter opens the modal).
      if (status === 'pending')
        expect(JSON.parse(els[0]?.value ?? '{}')).toMatchObject({ form: 'accept_reason' });
    },
  );

  it('gives the callback number as <tel:+1…|514 555-1234>, and never links the service number', () => {
    for (const s of scenarios) {
      const text = slackText(render(s));
      const phone = s.fax.order?.prescriber.phone;
      if (phone && phone !== '4184256508' && s.fax.verdict !== 'unreadable') {
        expect(text, s.label).toContain(
          `<tel:+1${phone}|${phone.slice(0, 3)} ${phone.slice(3, 6)}-${phone.slice(6)}>`,
        );
      }
      expect(text, s.label).not.toMatch(/<[^>]*418\D*425\D*6508[^>]*>/);
    }
  });

  it('shows the reminder on pending and auth_requested messages only', () => {
    for (const s of scenarios) {
      const text = slackText(render(s));
      const reminder =
        s.lang === 'fr' ? 'Ne jamais appeler ni répondre par télécopie' : 'Never call or fax back';
      // Only where there is an order to authenticate: not on a lab result or an unreadable fax.
      const order = s.fax.verdict !== 'not_order' && s.fax.verdict !== 'unreadable';
      if (order && (s.fax.status === 'pending' || s.fax.status === 'auth_requested'))
        expect(text, s.label).toContain(reminder);
      else expect(text, s.label).not.toContain(reminder);
    }
  });

  it('names the verdict and the sender in the header, and keeps patient data out of the notification text', () => {
    const fax = faxFromScenario('valid', 62);
    const message = renderSlackMessage(buildFaxCard(fax, [], { lang: 'fr' }));
    const header = message.blocks[0];
    const sender = fax.order?.header.sender;
    expect(header?.type === 'header' && header.text.text).toBe(
      `✅ Conforme · Télécopie de ${sender?.firstName} ${sender?.lastName}`,
    );
    const patient = fax.order?.patient;
    for (const v of [patient?.lastName, patient?.nam, patient?.birthDate])
      expect(message.text).not.toContain(v);
  });

  it('English messages carry no French verdict label', () => {
    const french = Object.values(cardStrings('fr').verdict).map((v) => v.label);
    for (const s of scenarios.filter((x) => x.lang === 'en')) {
      const text = slackText(render(s));
      for (const label of french) expect(text, s.label).not.toContain(label);
    }
  });
});

describe('Slack limits, whatever the fax holds', () => {
  it.each(STATUSES.flatMap((st) => (['fr', 'en'] as const).map((l) => [st, l] as const)))(
    'stress (40-line note, 30 pages, 200 events) %s / %s',
    (status, lang) => {
      const message = render(stressScenario(status, lang));
      expect(slackLimitProblems(message)).toEqual([]);
      expect(JSON.stringify(message).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
      const text = slackText(message);
      expect(text).toContain(lang === 'fr' ? '… (suite dans la télécopie)' : '… (continued in the fax)');
      expect(text).toMatch(lang === 'fr' ? /… \d+ événements plus anciens/ : /… \d+ older events/);
      // The reminder is never cut.
      if (status === 'pending' || status === 'auth_requested') {
        expect(text).toMatch(
          lang === 'fr'
            ? /appel(ez|er) le prescripteur au .*inscrit dans l’ordonnance/
            : /call the prescriber/,
        );
      }
    },
  );

  it('a clinical note that swells when escaped and serialized still fits', () => {
    const s = stressScenario('pending', 'fr');
    if (!s.fax.order) throw new Error('no order');
    s.fax.order.clinicalInfo = '&<>"\\\u0001'.repeat(5000);
    expect(slackLimitProblems(render(s))).toEqual([]);
  });
});

describe('Slack modals for the forms', () => {
  it.each(['fr', 'en'] as const)('%s: every form fits a modal, one input per field', (lang) => {
    for (const form of Object.values(buildActionForms(lang))) {
      const view = renderSlackModal(form, { callbackId: 'fax.form', privateMetadata: '{"faxId":"x"}' });
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.submit.text.length).toBeLessThanOrEqual(24);
      expect(view.close.text.length).toBeLessThanOrEqual(24);
      const inputs = view.blocks.filter((b) => b.type === 'input');
      expect(inputs.map((b) => b.block_id)).toEqual(form.fields.map((f) => f.id));
      for (const b of inputs) expect(b.element.action_id).toBe(b.block_id);
    }
  });

  it('refuses private metadata Slack would reject', () => {
    const form = buildActionForms('fr').accept_reason;
    expect(() => renderSlackModal(form, { callbackId: 'c', privateMetadata: 'x'.repeat(3001) })).toThrow(
      RangeError,
    );
  });
});

describe('a Slack card read at a glance', () => {
  it('puts prescriber and patient side by side, one line a fact, and folds the passed checks', () => {
    const fax = faxFromScenario('valid', 71);
    const message = renderSlackMessage(buildFaxCard(fax, [], { lang: 'fr' }));
    const both = message.blocks.find(
      (b) => b.type === 'section' && b.fields?.length === 2 && b.fields[0]?.text.startsWith('*Prescripteur*'),
    );
    expect(both?.type === 'section' && both.fields?.[1]?.text).toMatch(/^\*Usager\*\n\*Nom\* : /);
    const text = slackText(message);
    expect(text).toMatch(/✓ \d+ vérifications réussies/);
    expect(text).toContain('En attente d’une décision');
    expect(message.blocks.some((b) => b.type === 'divider')).toBe(false);
  });

  it('leads with the state once someone decided, the verdict under it', () => {
    const fax = faxFromScenario('valid', 72, { status: 'rejected' });
    const message = renderSlackMessage(
      buildFaxCard(
        fax,
        [event(fax.id, 'rejected', '2025-03-12T18:30:00.000Z', undefined, { reason: 'Doublon' })],
        {
          lang: 'fr',
        },
      ),
    );
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(
      '⛔ Refusée par Julie Roy le 12 mars 2025 à 14 h 30',
    );
    expect(slackText(message)).toContain('Raison : « Doublon »');
    expect(slackText(message)).toContain('Vérification automatique : ✅ Conforme');
  });
});
