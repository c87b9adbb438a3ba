import { describe, expect, it } from 'vitest';
import { FAX_ACTION_IDS, PROBLEM_CATEGORIES } from '../../cards/actions.ts';
import { buildActionForms, buildFaxCard } from '../../cards/fax-card.ts';
import { formatInstant, formatNam, formatPhone, telUri } from '../../cards/format.ts';
import { cardStrings } from '../../cards/i18n/index.ts';
import { renderAdaptiveCard } from '../../cards/render/adaptive.ts';
import { renderSlackMessage } from '../../cards/render/slack.ts';
import type { Card, Fact, Section, SectionId } from '../../cards/model.ts';
import type { FaxStatus } from '../../src/store/records.ts';
import { FAX_CASES, STATUSES } from './cases.ts';
import { event, eventsFor, faxFromScenario, unreadableFax } from './helpers.ts';

const section = (card: Card, id: SectionId): Section | undefined => card.sections.find((s) => s.id === id);
const facts = (card: Card, id: SectionId): Fact[] =>
  section(card, id)?.elements.flatMap((e) => (e.kind === 'facts' ? e.facts : [])) ?? [];
const cardText = (value: unknown): string => JSON.stringify(value);

describe('the card of a fax', () => {
  it('shows the verdict for every kind of fax, and the report agrees with it', () => {
    for (const c of FAX_CASES) {
      const fax = c.make('pending');
      expect(fax.verdict, c.name).toBe(c.verdict);
      const card = buildFaxCard(fax, [], { lang: 'fr' });
      expect(card.header.verdict).toBe(c.verdict);
      expect(card.header.verdictLabel).toBe(cardStrings('fr').verdict[c.verdict].label);
    }
  });

  it('uses the French verdict labels of the spec', () => {
    const labels = Object.values(cardStrings('fr').verdict).map((v) =>
      `${v.symbol} ${v.label}`.toLowerCase(),
    );
    expect(labels).toEqual(
      expect.arrayContaining([
        '✅ conforme',
        '⚠️ à vérifier',
        '❌ incomplète',
        expect.stringContaining('provenance non confirmée'),
        expect.stringContaining('pas une ordonnance'),
        expect.stringContaining('illisible'),
      ]),
    );
  });

  it('names the sender in the header, with when it was received (Quebec time) and the page count', () => {
    const fax = faxFromScenario('valid', 21, { receivedAt: '2025-01-15T15:00:00.000Z', pageCount: 3 });
    const sender = fax.order?.header.sender;
    const card = buildFaxCard(fax, [], { lang: 'fr' });
    const name = `${sender?.firstName} ${sender?.lastName}`;
    expect(card.header.title).toBe(
      /^[AEIOUYÉÈH]/i.test(name) ? `Télécopie d’${name}` : `Télécopie de ${name}`,
    );
    // January: Eastern Standard Time, UTC−5.
    expect(card.header.subtitle).toBe('Reçue le 15 janvier 2025 à 10 h 00 · 3 pages');
    expect(cardText(section(card, 'reception') ?? {})).toContain(`N° de télécopie : ${fax.id}`);
  });

  it('elides « de » before a vowel or a mute h', () => {
    const fax = faxFromScenario('valid', 21);
    if (fax.order) fax.order.header.sender = { firstName: 'Olivier', lastName: 'Hébert' };
    expect(buildFaxCard(fax, [], { lang: 'fr' }).header.title).toBe('Télécopie d’Olivier Hébert');
    if (fax.order) fax.order.header.sender = { firstName: 'Hélène', lastName: 'Roy' };
    expect(buildFaxCard(fax, [], { lang: 'fr' }).header.title).toBe('Télécopie d’Hélène Roy');
  });

  it('says when a fax names no sender', () => {
    const card = buildFaxCard(faxFromScenario('no_sender', 22), [], { lang: 'fr' });
    expect(card.header.title).toBe('Télécopie reçue (expéditeur non nommé)');
  });

  it('gives the callback number as a tel: link', () => {
    const fax = faxFromScenario('valid', 23);
    const phone = fax.order?.prescriber.phone ?? '';
    expect(phone).toMatch(/^\d{10}$/);
    const callback = facts(buildFaxCard(fax, [], { lang: 'fr' }), 'prescriber').find(
      (f) => f.label === 'Téléphone (rappel)',
    );
    expect(callback).toEqual({
      label: 'Téléphone (rappel)',
      value: `${phone.slice(0, 3)} ${phone.slice(3, 6)}-${phone.slice(6)}`,
      link: `tel:+1${phone}`,
    });
  });

  it('never links the service number, even when an order gives it as the callback number', () => {
    const fax = faxFromScenario('service_phone', 24);
    const card = buildFaxCard(fax, [], { lang: 'fr' });
    const callback = facts(card, 'prescriber').find((f) => f.label === 'Téléphone (rappel)');
    expect(callback?.link).toBeUndefined();
    expect(callback?.value).toContain('1 418 425-6508');
    expect(callback?.value).toContain('ne jamais');
    expect(cardText(card)).not.toContain('tel:+14184256508');
  });

  it('shows the patient with the NAM in groups of four', () => {
    const fax = faxFromScenario('valid', 25);
    const p = fax.order?.patient;
    const shown = facts(buildFaxCard(fax, [], { lang: 'fr' }), 'patient');
    expect(shown).toContainEqual({ label: 'Nom', value: `${p?.firstName} ${p?.lastName}` });
    expect(shown).toContainEqual({ label: 'Date de naissance', value: p?.birthDate });
    const nam = shown.find((f) => f.label === 'NAM')?.value ?? '';
    expect(nam).toMatch(/^[A-Z]{4} \d{4} [0-9A-Z]\d{3}$/);
    expect(nam.replace(/ /g, '')).toBe(p?.nam);
  });

  it('shows a malformed NAM as written, and marks missing values', () => {
    const malformed = facts(
      buildFaxCard(faxFromScenario('malformed_nam', 26), [], { lang: 'fr' }),
      'patient',
    );
    expect(malformed.find((f) => f.label === 'NAM')?.value).toMatch(/\(mal formé\)$/);
    const noBirth = facts(buildFaxCard(faxFromScenario('no_birthdate', 27), [], { lang: 'fr' }), 'patient');
    expect(noBirth).toContainEqual({ label: 'Date de naissance', value: '— absent', missing: true });
  });

  it('shows the exam, the clinical information and each check with its status and message', () => {
    const fax = faxFromScenario('no_permit', 28);
    const card = buildFaxCard(fax, [], { lang: 'fr' });
    expect(facts(card, 'order')).toContainEqual({ label: 'Examen', value: fax.order?.exam });
    const order = section(card, 'order');
    expect(order?.elements).toContainEqual({
      kind: 'text',
      text: fax.order?.clinicalInfo,
      style: 'plain',
      truncation: 'fax',
    });
    const list = section(card, 'checks')?.elements.find((e) => e.kind === 'status_list');
    const shown = fax.report.checks.filter((c) => c.status !== 'skip');
    const text = (c: { message: string }) => c.message.replace(/'/g, '’');
    // What failed or warns is listed; what passed (and the remarks) is folded under one line.
    expect(list).toEqual({
      kind: 'status_list',
      items: shown
        .filter((c) => c.status === 'fail' || c.status === 'warn')
        .map((c) => ({ mark: c.status, text: text(c) })),
      collapsed: {
        label: expect.stringMatching(/^\d+ vérifications réussies/),
        items: [...shown.filter((c) => c.status === 'pass'), ...shown.filter((c) => c.status === 'info')].map(
          (c) => ({
            mark: c.status,
            text: expect.any(String),
          }),
        ),
      },
    });
    expect(list?.kind === 'status_list' && list.items.some((i) => i.mark === 'warn')).toBe(true);
  });

  it('says the checks are for information only when the provenance is not confirmed', () => {
    const card = buildFaxCard(faxFromScenario('not_service', 29), [], { lang: 'fr' });
    expect(cardText(section(card, 'checks') ?? {})).toContain('à titre indicatif');
  });

  it('links the original pages when the adapter has a link for them', () => {
    const fax = faxFromScenario('valid', 30, { pageCount: 4 });
    const withLink = buildFaxCard(fax, [], { lang: 'fr', originalUrl: 'https://faxdesk.example/f/1' });
    expect(section(withLink, 'reception')?.elements).toContainEqual({
      kind: 'links',
      links: [{ label: 'Voir les pages originales (4 pages)', url: 'https://faxdesk.example/f/1' }],
    });
    const without = buildFaxCard(fax, [], { lang: 'fr' });
    expect(section(without, 'reception')?.elements.some((e) => e.kind === 'links')).toBe(false);
  });
});

describe('actions by status', () => {
  const expected: Record<FaxStatus, string[]> = {
    pending: ['fax.accept', 'fax.auth_request', 'fax.reject', 'fax.report_problem'],
    auth_requested: [
      'fax.auth_authenticated',
      'fax.auth_unreachable',
      'fax.auth_refused',
      'fax.report_problem',
    ],
    accepted: ['fax.report_problem'],
    rejected: ['fax.report_problem'],
  };

  it.each(STATUSES)(
    '%s: the buttons the status allows, each carrying the fax and the status shown',
    (status) => {
      const fax = faxFromScenario('valid', 31, { status });
      const card = buildFaxCard(fax, eventsFor(fax, status), { lang: 'fr' });
      expect(card.actions.map((a) => a.id)).toEqual(expected[status]);
      for (const a of card.actions) {
        expect(FAX_ACTION_IDS).toContain(a.id);
        expect(a.data).toEqual({ faxId: fax.id, expectedStatus: status });
      }
    },
  );

  it('labels the buttons in French', () => {
    const fax = faxFromScenario('valid', 32, { status: 'auth_requested' });
    const labels = buildFaxCard(fax, [], { lang: 'fr' }).actions.map((a) => a.label);
    expect(labels).toEqual([
      'Authentifié',
      'Injoignable (réessayer plus tard)',
      'Refusé',
      'Signaler un problème',
    ]);
    const pending = buildFaxCard(faxFromScenario('valid', 32), [], { lang: 'fr' }).actions.map(
      (a) => a.label,
    );
    expect(pending).toEqual(['Accepter', 'Demander l’authentification', 'Refuser', 'Signaler un problème']);
  });

  it('gives each verdict its way out', () => {
    const ids = (fax: ReturnType<typeof faxFromScenario>) =>
      buildFaxCard(fax, [], { lang: 'fr' }).actions.map((a) => [a.id, a.label]);
    expect(ids(faxFromScenario('lab_results', 36))).toEqual([
      ['fax.file', 'Classer (pas une ordonnance)'],
      ['fax.reject', 'Refuser'],
      ['fax.report_problem', 'Signaler un problème'],
    ]);
    expect(ids(faxFromScenario('not_service', 36)).map(([id]) => id)).toEqual([
      'fax.auth_request',
      'fax.file',
      'fax.reject',
      'fax.report_problem',
    ]);
    const unreadable = buildFaxCard(unreadableFax('blank'), [], { lang: 'fr' }).actions;
    expect(unreadable.map((a) => [a.id, a.label])).toEqual([
      ['fax.report_problem', 'Demander un nouvel envoi'],
      ['fax.file', 'Classer'],
    ]);
    // The resend request is the problem report, its category and text filled in.
    const resend = unreadable[0]?.form;
    expect(resend?.id).toBe('request_resend');
    expect(resend?.fields.map((f) => f.value)).toEqual([
      'unreadable_pages',
      expect.stringContaining('renvoyer'),
    ]);
    // No number to call: no « Demander l’authentification ».
    expect(ids(faxFromScenario('no_phone', 36)).map(([id]) => id)).not.toContain('fax.auth_request');
    // Refusing asks why.
    const reject = buildFaxCard(faxFromScenario('valid', 36), [], { lang: 'fr' }).actions.find(
      (a) => a.id === 'fax.reject',
    );
    expect(reject?.form?.id).toBe('reject_reason');
  });

  it('asks a reason to accept an incomplete order, not a complete one', () => {
    const accept = (scenario: 'valid' | 'no_phone') =>
      buildFaxCard(faxFromScenario(scenario, 33), [], { lang: 'fr' }).actions.find(
        (a) => a.id === 'fax.accept',
      );
    expect(accept('no_phone')?.form?.id).toBe('accept_reason');
    expect(accept('valid')?.form).toBeUndefined();
  });

  it('asks the refusal reason and the problem report through their forms', () => {
    const fax = faxFromScenario('valid', 34, { status: 'auth_requested' });
    const card = buildFaxCard(fax, [], { lang: 'fr' });
    expect(card.actions.find((a) => a.id === 'fax.auth_refused')?.form?.id).toBe('refusal_reason');
    expect(card.actions.find((a) => a.id === 'fax.report_problem')?.form?.id).toBe('report_problem');
  });

  it('has no buttons on a read-only card', () => {
    expect(buildFaxCard(faxFromScenario('valid', 35), [], { lang: 'fr', actions: false }).actions).toEqual(
      [],
    );
  });
});

describe("the ministry's reminder", () => {
  it.each(STATUSES)('%s', (status) => {
    const fax = faxFromScenario('valid', 36, { status });
    const card = buildFaxCard(fax, eventsFor(fax, status), { lang: 'fr' });
    const reminder = section(card, 'reminder');
    if (status === 'pending' || status === 'auth_requested') {
      const text = cardText(reminder ?? {});
      expect(text).toContain(
        'Ne jamais appeler ni répondre par télécopie au numéro du service (1 418 425-6508)',
      );
      expect(text).toContain(formatPhone(fax.order?.prescriber.phone ?? ''));
    } else {
      expect(reminder).toBeUndefined();
    }
  });

  it('says so when the order gives no number to call', () => {
    const card = buildFaxCard(faxFromScenario('no_phone', 37), [], { lang: 'fr' });
    expect(cardText(section(card, 'reminder') ?? {})).toContain('n’en donne aucun de valide');
  });
});

describe('state and history', () => {
  it('says who accepted, when, and why', () => {
    const fax = faxFromScenario('no_phone', 38, { status: 'accepted' });
    const card = buildFaxCard(fax, eventsFor(fax, 'accepted'), { lang: 'fr' });
    // The state leads the card, with its reason; the verdict goes under it.
    expect(card.header.state).toEqual({
      text: 'Acceptée par Julie Roy le 12 mars 2025 à 14 h 20',
      details: ['Raison : « NAM confirmé avec l’usager »'],
      tone: 'good',
      kind: 'accepted',
      decided: true,
    });
    expect(card.summary.startsWith('Acceptée par Julie Roy')).toBe(true);
    const text = cardText(section(card, 'state') ?? {});
    expect(text).toContain('Julie Roy a accepté l’ordonnance — « NAM confirmé avec l’usager »');
  });

  it('counts unanswered calls while authentication is requested', () => {
    const fax = faxFromScenario('valid', 39, { status: 'auth_requested' });
    const { state } = buildFaxCard(fax, eventsFor(fax, 'auth_requested'), { lang: 'fr' }).header;
    expect(state.text).toBe('Authentification demandée par Julie Roy le 12 mars 2025 à 14 h 10');
    expect(state.details).toContain('1 tentative sans réponse');
  });

  it('shows a refusal with its reason', () => {
    const fax = faxFromScenario('valid', 40, { status: 'rejected' });
    const card = buildFaxCard(fax, eventsFor(fax, 'rejected'), { lang: 'fr' });
    // Where the state is: the header, not 1,000 px below.
    expect(card.header.state.text).toBe('Refusée par Julie Roy le 12 mars 2025 à 14 h 30');
    expect(card.header.state.details).toEqual(['Raison : « Le prescripteur n’a pas fait cette demande »']);
    expect(card.header.state.tone).toBe('attention');
  });

  it('lists staff actions only, oldest first, and never another fax’s events', () => {
    const fax = faxFromScenario('valid', 41, { status: 'accepted' });
    const other = faxFromScenario('valid', 42);
    const events = [
      event(fax.id, 'accepted', '2025-03-12T18:20:00.000Z'),
      event(fax.id, 'card_updated', '2025-03-12T18:20:01.000Z'),
      event(fax.id, 'auth_requested', '2025-03-12T18:10:00.000Z'),
      event(other.id, 'rejected', '2025-03-12T18:15:00.000Z'),
    ];
    const history = section(buildFaxCard(fax, events, { lang: 'fr' }), 'state')?.elements.find(
      (e) => e.kind === 'history',
    );
    expect(history?.kind === 'history' && history.entries.map((e) => e.text)).toEqual([
      'Julie Roy a demandé l’authentification auprès du prescripteur',
      'Julie Roy a accepté l’ordonnance',
    ]);
  });

  it('shows a reported problem with the support phone number', () => {
    const fax = faxFromScenario('valid', 43);
    const events = [
      event(fax.id, 'problem_reported', '2025-03-12T18:25:00.000Z', undefined, {
        category: 'missing_pages',
        description: 'Page 2 de 3 absente',
      }),
    ];
    const card = buildFaxCard(fax, events, { lang: 'fr' });
    const problem = cardText(section(card, 'problem') ?? {});
    expect(problem).toContain('1 833 564-0404');
    expect(problem).toContain('tel:+18335640404');
    expect(cardText(section(card, 'state') ?? {})).toContain(
      'Julie Roy a signalé un problème au soutien du service (pages manquantes) — « Page 2 de 3 absente »',
    );
  });

  it('says a report that was not e-mailed is recorded, not sent, and offers to send it again', () => {
    const fax = faxFromScenario('valid', 43);
    const events = [
      event(fax.id, 'problem_reported', '2025-03-12T18:25:00.000Z', undefined, {
        category: 'missing_pages',
        mailed: false,
        error: 'not_configured',
      }),
    ];
    const card = buildFaxCard(fax, events, { lang: 'fr' });
    expect(card.sections[0]?.id).toBe('problem');
    const problem = cardText(section(card, 'problem') ?? {});
    expect(problem).toContain('Signalement enregistré, non envoyé — téléphonez au 1 833 564-0404');
    expect(problem).toContain('aucun serveur de courriel n’est configuré');
    expect(problem).not.toContain('Problème signalé au service');
    expect(cardText(section(card, 'state') ?? {})).toContain(
      'Julie Roy a enregistré un signalement, non envoyé (aucun serveur de courriel n’est configuré)',
    );
    const resend = card.actions.find((a) => a.id === 'fax.report_problem');
    expect(resend?.label).toBe('Renvoyer le signalement');
    expect(resend?.style).toBe('primary');
    // Sent on a second try: the card says reported.
    const sent = [
      ...events,
      event(fax.id, 'problem_reported', '2025-03-12T18:40:00.000Z', undefined, {
        category: 'missing_pages',
        mailed: true,
      }),
    ];
    const after = buildFaxCard(fax, sent, { lang: 'fr' });
    expect(cardText(section(after, 'problem') ?? {})).toContain('Problème signalé au service');
    expect(after.actions.find((a) => a.id === 'fax.report_problem')?.label).toBe('Signaler un problème');
  });

  it('says « Classée » for a fax filed away, with the same transition as a refusal', () => {
    const fax = faxFromScenario('lab_results', 44, { status: 'rejected' });
    const events = [
      event(fax.id, 'rejected', '2025-03-12T18:30:00.000Z', undefined, { disposition: 'filed' }),
    ];
    const card = buildFaxCard(fax, events, { lang: 'fr' });
    expect(card.header.state.text).toBe('Classée par Julie Roy le 12 mars 2025 à 14 h 30');
    expect(card.header.state.kind).toBe('filed');
    expect(cardText(section(card, 'state') ?? {})).toContain('Julie Roy a classé la télécopie');
  });
});

describe('unreadable faxes', () => {
  it('say a fax came in and why it could not be read', () => {
    const blank = buildFaxCard(unreadableFax('blank'), [], { lang: 'fr' });
    expect(blank.header.title).toBe('Télécopie reçue');
    const text = cardText(section(blank, 'unreadable') ?? {});
    expect(text).toContain('Une télécopie est arrivée');
    expect(text).toContain('Aucun texte trouvé');
    const corrupt = buildFaxCard(unreadableFax('corrupt'), [], { lang: 'fr' });
    const text2 = cardText(section(corrupt, 'unreadable') ?? {});
    expect(text2).toContain('TIFF endommagé');
    // What came in, where it is kept, what to do; never « 0 page » nor « pages originales ».
    const fax = unreadableFax('corrupt');
    expect(text2).toContain(`Reçu : « ${fax.originalName} »`);
    expect(text2).toMatch(/conservé tel quel (en quarantaine|aux archives)/);
    expect(text2).toContain('Demandez un nouvel envoi');
    expect(cardText(corrupt)).not.toMatch(/0 page|aucune page lisible|pages originales/);
  });

  it('show no empty prescriber, patient or check sections', () => {
    const card = buildFaxCard(unreadableFax('blank'), [], { lang: 'fr' });
    expect(card.sections.map((s) => s.id)).toEqual(['unreadable', 'reception']);
  });

  it('give the reason in English by its code', () => {
    const card = buildFaxCard(unreadableFax('corrupt'), [], { lang: 'en' });
    expect(cardText(section(card, 'unreadable') ?? {})).toContain('Damaged file.');
    expect(cardText(card)).not.toContain('endommagé');
  });

  it.each(['symlink', 'symlink-outside-inbox', 'unreadable-file'])(
    'say in English why a %s refused at intake has no content',
    (code) => {
      const fax = { ...unreadableFax('corrupt'), unreadableCode: code, unreadableReason: 'Lien symbolique…' };
      const text = cardText(section(buildFaxCard(fax, [], { lang: 'en' }), 'unreadable') ?? {});
      expect(text).not.toContain('The file could not be read.');
      expect(text).not.toContain('Lien');
    },
  );
});

describe('English', () => {
  const frenchLabels = Object.values(cardStrings('fr').verdict).map((v) => v.label);

  it.each(FAX_CASES.map((c) => [c.name, c] as const))(
    '%s: no French verdict label or check message',
    (_, c) => {
      const fax = c.make('pending');
      const card = buildFaxCard(fax, eventsFor(fax, 'pending'), { lang: 'en' });
      const text = cardText(card);
      for (const label of frenchLabels) expect(text).not.toContain(label);
      for (const check of fax.report.checks) expect(text).not.toContain(check.message);
      expect(card.header.verdictLabel).toBe(cardStrings('en').verdict[c.verdict].label);
    },
  );

  it('formats times the English way, still in Quebec time', () => {
    expect(formatInstant('2025-03-12T18:05:00.000Z', cardStrings('en'))).toBe('March 12, 2025 at 2:05 p.m.');
  });
});

describe('formatting', () => {
  it('phones, tel: links and NAMs', () => {
    expect(formatPhone('5145551234')).toBe('514 555-1234');
    expect(telUri('5145551234')).toBe('tel:+15145551234');
    expect(telUri('12345')).toBeNull();
    expect(formatNam('TREJ85031512')).toBe('TREJ 8503 1512');
  });
});

describe('action forms', () => {
  it('the problem report asks a category among the spec’s five, and a description', () => {
    const form = buildActionForms('fr').report_problem;
    const [category, description] = form.fields;
    expect(category?.kind === 'choice' && category.choices).toEqual([
      { value: 'missing_header', label: 'En-tête manquant' },
      { value: 'unknown_sender', label: 'Expéditeur inconnu' },
      { value: 'unreadable_pages', label: 'Pages illisibles' },
      { value: 'missing_pages', label: 'Pages manquantes' },
      { value: 'other', label: 'Autre' },
    ]);
    expect(category?.required).toBe(true);
    expect(description).toMatchObject({ kind: 'text', id: 'description', required: true, multiline: true });
  });

  it('every form has the same fields in both languages, labelled in each', () => {
    const fr = buildActionForms('fr');
    const en = buildActionForms('en');
    for (const id of ['accept_reason', 'report_problem', 'refusal_reason'] as const) {
      expect(en[id].fields.map((f) => f.id)).toEqual(fr[id].fields.map((f) => f.id));
      expect(en[id].title).not.toBe(fr[id].title);
    }
    expect(PROBLEM_CATEGORIES).toHaveLength(5);
  });
});

describe('how a value was read', () => {
  const box: [number, number, number, number] = [0, 0, 10, 10];
  const provenance = (repaired: boolean, uncertain: boolean) => ({
    confidence: 55,
    page: 1,
    box,
    repaired,
    uncertain,
  });

  it('marks a value to check « à vérifier » and a corrected one « corrigé », beside the value', () => {
    const fax = faxFromScenario('valid', 45);
    if (!fax.order) throw new Error('no order');
    fax.order.provenance = {
      'patient.nam': provenance(false, true),
      'prescriber.phone': provenance(true, false),
      // Both: the doubt wins, a person must look.
      exam: provenance(true, true),
      'patient.birthDate': provenance(false, false),
    };
    const card = buildFaxCard(fax, [], { lang: 'fr' });
    const byLabel = (id: 'patient' | 'prescriber' | 'order', label: string) =>
      facts(card, id).find((f) => f.label === label);
    expect(byLabel('patient', 'NAM')?.flag).toBe('uncertain');
    expect(byLabel('prescriber', 'Téléphone (rappel)')?.flag).toBe('repaired');
    expect(byLabel('order', 'Examen')?.flag).toBe('uncertain');
    expect(byLabel('patient', 'Date de naissance')?.flag).toBeUndefined();
    expect(byLabel('patient', 'Nom')?.flag).toBeUndefined();

    const teams = JSON.stringify(renderAdaptiveCard(card));
    expect(teams).toContain('_(à vérifier)_');
    expect(teams).toContain('_(corrigé)_');
    const slack = JSON.stringify(renderSlackMessage(card));
    expect(slack).toContain('_(à vérifier)_');
    expect(slack).toContain('_(corrigé)_');
    const en = JSON.stringify(renderAdaptiveCard(buildFaxCard(fax, [], { lang: 'en' })));
    expect(en).toContain('_(to check)_');
  });

  it('puts no mark on a missing value, nor on an order read before provenance existed', () => {
    const fax = faxFromScenario('no_phone', 46);
    if (!fax.order) throw new Error('no order');
    fax.order.provenance = { 'prescriber.phone': provenance(false, true) };
    const card = buildFaxCard(fax, [], { lang: 'fr' });
    expect(facts(card, 'prescriber').find((f) => f.label === 'Téléphone (rappel)')?.flag).toBeUndefined();
    fax.order.provenance = {};
    expect(JSON.stringify(buildFaxCard(fax, [], { lang: 'fr' }))).not.toContain('"flag"');
  });
});
