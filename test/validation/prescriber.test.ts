import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/validation/options.ts';
import {
  prescriberName,
  prescriberPermit,
  prescriberPhone,
  prescriberSenderMatch,
  sameName,
} from '../../src/validation/prescriber.ts';
import type { Rule } from '../../src/validation/rule.ts';
import type { ParsedOrder } from '../../src/domain/order.ts';
import { orderWith, textReading, validOrder } from './helpers.ts';

const run = (rule: Rule, order: ParsedOrder) => rule(order, textReading(), DEFAULT_OPTIONS);

describe('prescriber.name', () => {
  it('passes with both names', () => {
    expect(run(prescriberName, validOrder())?.status).toBe('pass');
  });
  it('fails when a part is missing, saying which', () => {
    const noFirst = run(prescriberName, orderWith({ prescriber: { firstName: null } }));
    expect(noFirst).toMatchObject({ status: 'fail', message: 'Prénom du prescripteur absent' });
    const noLast = run(prescriberName, orderWith({ prescriber: { lastName: null } }));
    expect(noLast).toMatchObject({ status: 'fail', message: 'Nom de famille du prescripteur absent' });
    const none = run(prescriberName, orderWith({ prescriber: { firstName: null, lastName: null } }));
    expect(none?.status).toBe('fail');
  });
});

describe('prescriber.phone', () => {
  it('passes with a North American number', () => {
    expect(run(prescriberPhone, validOrder())?.status).toBe('pass');
  });
  it('fails when missing', () => {
    const c = run(prescriberPhone, orderWith({ prescriber: { phone: null } }));
    expect(c).toMatchObject({ status: 'fail', message: 'Aucun numéro de téléphone du prescripteur' });
  });
  it("fails on the service's own number, with the reminder never to call it", () => {
    const c = run(prescriberPhone, orderWith({ prescriber: { phone: '4184256508' } }));
    expect(c?.status).toBe('fail');
    expect(c?.message).toMatch(/celui du service de télécopie : ne jamais rappeler ce numéro/);
  });
  it('fails on a number that cannot be North American (area code or exchange starting 0/1, N11)', () => {
    for (const phone of ['0145550123', '5141550123', '4115550123']) {
      expect(run(prescriberPhone, orderWith({ prescriber: { phone } }))?.status).toBe('fail');
    }
  });
  it('mentions a repair without the value', () => {
    const order = orderWith({
      repairs: [{ field: 'prescriber.phone', from: '514555O123', to: '5145550123', reason: 'O→0' }],
    });
    const c = run(prescriberPhone, order);
    expect(c?.status).toBe('pass');
    expect(c?.message).toMatch(/corrigé d'une erreur de lecture probable/);
    expect(c?.message).not.toMatch(/\d{4}/);
  });
});

describe('prescriber.permit', () => {
  it('passes when present, warns when missing', () => {
    expect(run(prescriberPermit, validOrder())?.status).toBe('pass');
    expect(run(prescriberPermit, orderWith({ prescriber: { permit: null } }))?.status).toBe('warn');
  });
});

describe('prescriber.sender_match', () => {
  const withSender = (firstName: string | null, lastName: string | null) =>
    run(prescriberSenderMatch, orderWith({ header: { sender: { firstName, lastName } } }));

  it('passes when the sender is the prescriber', () => {
    expect(run(prescriberSenderMatch, validOrder())?.status).toBe('pass');
  });
  it('ignores accents, case, order and hyphens/spaces', () => {
    const order = orderWith({ prescriber: { firstName: 'Marie-Ève', lastName: "D'Amours" } });
    const check = (firstName: string, lastName: string) =>
      prescriberSenderMatch(
        { ...order, header: { ...order.header, sender: { firstName, lastName } } },
        textReading(),
        DEFAULT_OPTIONS,
      )?.status;
    expect(check('MARIE EVE', 'D AMOURS')).toBe('pass');
    expect(check('marie-eve', "d'amours")).toBe('pass');
    expect(check("D'Amours", 'Marie-Ève')).toBe('pass');
    expect(check('Marieève', 'Damours')).toBe('pass');
    expect(check('Dre Marie-Ève', "D'Amours")).toBe('pass');
    expect(check('Dr. Marie-Ève', "D'Amours")).toBe('pass');
  });
  it('warns when the names differ', () => {
    const c = withSender('Julie', 'Gagnon');
    expect(c?.status).toBe('warn');
    expect(c?.message).not.toMatch(/Julie|Gagnon|Tremblay/);
    expect(withSender('Marie', 'Tremblay-Roy')?.status).toBe('warn');
  });
  it('compares what is there when a side gives one part only', () => {
    expect(withSender(null, 'TREMBLAY')?.status).toBe('pass');
    expect(withSender(null, 'Tremblay, Marie')?.status).toBe('pass');
    expect(withSender(null, 'Gagnon')?.status).toBe('warn');
  });
  it('skips when the header names no sender, or the prescriber is unnamed', () => {
    expect(run(prescriberSenderMatch, orderWith({ header: { sender: null } }))?.status).toBe('skip');
    expect(withSender(null, null)?.status).toBe('skip');
    const unnamed = orderWith({ prescriber: { firstName: null, lastName: null } });
    expect(run(prescriberSenderMatch, unnamed)?.status).toBe('skip');
  });
  it('sameName is symmetric', () => {
    const a = { firstName: 'Jean-Pierre', lastName: 'Aubin' };
    const b = { firstName: 'Aubin', lastName: 'Jean Pierre' };
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
    expect(sameName(a, { firstName: 'Pierre', lastName: 'Aubin' })).toBe(false);
  });
});
