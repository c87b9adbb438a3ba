import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/validation/options.ts';
import { serviceBanner, serviceNumber, serviceSender } from '../../src/validation/service.ts';
import type { Rule } from '../../src/validation/rule.ts';
import type { ParsedOrder } from '../../src/domain/order.ts';
import { orderWith, textReading, validOrder } from './helpers.ts';

const run = (rule: Rule, order: ParsedOrder) => rule(order, textReading(), DEFAULT_OPTIONS);

describe('service.number', () => {
  it('passes when the service number is in the header', () => {
    const c = run(serviceNumber, validOrder());
    expect(c).toMatchObject({ id: 'service.number', status: 'pass' });
    expect(c?.message).toContain("dans l'en-tête");
  });
  it('fails, saying so, when the number is found elsewhere than in the header', () => {
    const c = run(
      serviceNumber,
      orderWith({ header: { serviceNumberInHeader: false, serviceNumberAnywhere: true } }),
    );
    expect(c?.status).toBe('fail');
    expect(c?.message).toMatch(/trouvé, mais pas dans l'en-tête/);
  });
  it('fails when the number is nowhere', () => {
    const c = run(
      serviceNumber,
      orderWith({ header: { serviceNumberInHeader: false, serviceNumberAnywhere: false } }),
    );
    expect(c?.status).toBe('fail');
    expect(c?.message).toMatch(/absent/);
  });
});

describe('service.sender', () => {
  it('passes with both names', () => {
    expect(run(serviceSender, validOrder())?.status).toBe('pass');
  });
  it('warns with one name only', () => {
    const c = run(
      serviceSender,
      orderWith({ header: { sender: { firstName: null, lastName: 'Tremblay' } } }),
    );
    expect(c?.status).toBe('warn');
    expect(c?.message).toMatch(/incomplet/);
  });
  it('warns without sender, and treats blank names as absent', () => {
    expect(run(serviceSender, orderWith({ header: { sender: null } }))?.status).toBe('warn');
    expect(
      run(serviceSender, orderWith({ header: { sender: { firstName: ' ', lastName: '' } } }))?.status,
    ).toBe('warn');
  });
});

describe('service.banner', () => {
  it('passes with all four parts', () => {
    expect(run(serviceBanner, validOrder())?.status).toBe('pass');
  });
  it('warns naming the missing parts', () => {
    const c = run(
      serviceBanner,
      orderWith({ header: { banner: { confidentiality: false, formCode: false } } }),
    );
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain('avis de confidentialité');
    expect(c?.message).toContain('21-210-184W');
    expect(c?.message).not.toContain('Ne jamais répondre');
  });
  it('warns when no part is there', () => {
    const none = { transit: false, doNotReply: false, confidentiality: false, formCode: false };
    const c = run(serviceBanner, orderWith({ header: { banner: none } }));
    expect(c).toMatchObject({ status: 'warn', message: 'Texte standard du service absent' });
  });
});
