import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { MailSendError } from '../../src/workflow/mailer.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { buildProblemReport } from '../../src/workflow/problem-report.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import {
  CHANNEL,
  leakedPatientData,
  MARIE,
  NOW,
  openTempStore,
  patientFax,
  recordingLogger,
  RecordingMailer,
  storeFax,
} from './helpers.ts';

const open: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function setup(options: { supportAddress?: string } = {}) {
  const store = openTempStore();
  open.push(store);
  const mailer = new RecordingMailer();
  const logger = recordingLogger();
  const workflow = createWorkflow({
    store,
    mailer,
    policy: createActionPolicy({ channelId: CHANNEL }),
    clock: () => NOW,
    logger,
    ...options,
  });
  return { store, mailer, workflow, logger };
}

describe('buildProblemReport', () => {
  const fax = patientFax({ receivedAt: '2025-03-15T14:03:00.000Z', pageCount: 3 });

  it('identifies the fax by id, time received and page count, with the category and description', () => {
    const message = buildProblemReport(
      fax,
      { category: 'missing_pages', description: 'Seulement 2 pages reçues sur 3 annoncées.' },
      { lang: 'fr' },
    );
    expect(message.to).toBe('soutienrqt@ssss.gouv.qc.ca');
    expect(message.subject).toBe(
      `Télécopie web – Pages manquantes – télécopie reçue le 15 mars 2025 à 10 h 03 (réf. ${fax.id})`,
    );
    expect(message.text).toContain(`Référence Faxdesk : ${fax.id}`);
    expect(message.text).toContain('Reçue le 15 mars 2025 à 10 h 03');
    expect(message.text).toContain('Nombre de pages : 3');
    expect(message.text).toContain('Problème : Pages manquantes');
    expect(message.text).toContain('Seulement 2 pages reçues sur 3 annoncées.');
    expect(message.text).toContain('1 833 564-0404');
  });

  it('carries none of the patient data the fax holds', () => {
    const message = buildProblemReport(
      fax,
      { category: 'unknown_sender', description: 'Expéditeur absent de l’en-tête.' },
      { lang: 'fr', reportedBy: 'Marie Lavoie' },
    );
    expect(leakedPatientData(`${message.subject}\n${message.text}`)).toEqual([]);
    expect(message.text).toContain('Signalé par : Marie Lavoie');
  });

  it('keeps what the person typed, even patient data: that is their call', () => {
    const message = buildProblemReport(
      fax,
      { category: 'other', description: 'Usager Jeanne Tremblay-Côté,\u0007 page 2 illisible' },
      { lang: 'fr' },
    );
    expect(message.text).toContain('Usager Jeanne Tremblay-Côté, page 2 illisible');
  });

  it('goes to a configured address, in English when asked', () => {
    const message = buildProblemReport(
      fax,
      { category: 'missing_header', description: 'No header.' },
      { lang: 'en', to: 'helpdesk@example.org' },
    );
    expect(message.to).toBe('helpdesk@example.org');
    expect(message.subject).toContain('Missing transmission header');
    expect(message.text).toContain('Pages: 3');
  });
});

describe('reportProblem', () => {
  it('mails the report, then records the category and message id, not the description', async () => {
    const { store, mailer, workflow } = setup();
    const fax = await storeFax(store);
    const result = await workflow.reportProblem(fax.id, MARIE, {
      category: 'unreadable_pages',
      description: 'Pages 2 et 3 entièrement noires',
    });
    expect(result.ok).toBe(true);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.text).toContain('Pages 2 et 3 entièrement noires');
    if (!result.ok) return;
    expect(result.fax.status).toBe('pending'); // a report is not a status
    expect(result.event).toMatchObject({
      kind: 'problem_reported',
      actor: { id: MARIE.id, name: MARIE.name },
      details: {
        category: 'unreadable_pages',
        mailed: true,
        messageId: '<test-1@faxdesk.test>',
        to: 'soutienrqt@ssss.gouv.qc.ca',
        error: null,
      },
    });
    expect(JSON.stringify(await store.listEvents(fax.id))).not.toContain('noires');
  });

  it('works whatever the status, even on a final one', async () => {
    const { store, workflow } = setup({ supportAddress: 'soutien@example.org' });
    const fax = await storeFax(store);
    expect((await workflow.accept(fax.id, MARIE)).ok).toBe(true);
    const result = await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: 'Doublon' });
    expect(result).toMatchObject({ ok: true, event: { details: { to: 'soutien@example.org' } } });
  });

  it('when the mail fails: says so, records the attempt with its error code, logs ids only', async () => {
    const { store, mailer, workflow, logger } = setup();
    const fax = await storeFax(store);
    mailer.failWith = new MailSendError('timeout', 'SMTP send failed (ETIMEDOUT)');
    const result = await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: 'Test' });
    expect(result).toMatchObject({
      ok: false,
      code: 'mail_failed',
      event: { kind: 'problem_reported', details: { mailed: false, error: 'timeout', messageId: null } },
      fax: { id: fax.id },
    });
    if (result.ok) return;
    expect(result.message).toContain('Signalement enregistré, non envoyé');
    expect(result.message).toContain('1 833 564-0404');
    expect((await store.listEvents(fax.id)).filter((e) => e.kind === 'problem_reported')).toHaveLength(1);
    expect(logger.lines.find((l) => l.msg === 'problem report not mailed')?.fields).toMatchObject({
      faxId: fax.id,
      error: 'timeout',
    });
    // The person retries once the server is back: a second, successful report is recorded too.
    mailer.failWith = null;
    expect((await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: 'Test' })).ok).toBe(
      true,
    );
  });

  it('a mailer that throws something else is an unknown mail error, not a crash', async () => {
    const { store } = setup();
    const fax = await storeFax(store);
    const broken = createWorkflow({
      store,
      mailer: {
        send: () => Promise.reject(new TypeError('boom')),
      },
      policy: createActionPolicy({ channelId: CHANNEL }),
    });
    expect(await broken.reportProblem(fax.id, MARIE, { category: 'other', description: 'x' })).toMatchObject({
      code: 'mail_failed',
      event: { details: { error: 'unknown' } },
    });
  });

  it('requires a description and a known category', async () => {
    const { store, mailer, workflow } = setup();
    const fax = await storeFax(store);
    expect(
      await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: '  ' }),
    ).toMatchObject({
      code: 'reason_required',
    });
    const category = 'weather' as 'other';
    expect(await workflow.reportProblem(fax.id, MARIE, { category, description: 'x' })).toMatchObject({
      code: 'invalid',
    });
    expect(
      await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: 'x'.repeat(4001) }),
    ).toMatchObject({ code: 'invalid' });
    expect(mailer.sent).toHaveLength(0);
  });
});
