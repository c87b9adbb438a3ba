/**
 * Validation of a parsed order against shared/spec/validation.md: every rule is a pure
 * function of the order and the reading; the report lists them in the spec's order.
 * Messages are for staff and carry no patient data (they end up in logs and e-mails).
 */
import type { ParsedOrder } from '../domain/order.ts';
import type { FaxReading } from '../domain/reading.ts';
import type { Check, Report } from '../domain/report.ts';
import { CheckId } from '../domain/report.ts';
import { resolveOptions, type ValidationOptions } from './options.ts';
import { orderRules } from './order.ts';
import { patientRules } from './patient.ts';
import { prescriberRules } from './prescriber.ts';
import type { Rule } from './rule.ts';
import { serviceRules } from './service.ts';
import { computeVerdict } from './verdict.ts';

import { flagUncertainFields } from './uncertain.ts';
export { computeVerdict, REQUIRED_CHECKS, REVIEWED_CHECKS } from './verdict.ts';
export { ValidationOptions, resolveOptions, DEFAULT_OPTIONS } from './options.ts';
export type { Rule } from './rule.ts';
export { SERVICE_NUMBER, SERVICE_NUMBER_DISPLAY } from './service.ts';
export * from './nam.ts';

/** Every rule, in the spec's order (the same order as the CheckId enum). */
export const RULES: readonly Rule[] = [...serviceRules, ...prescriberRules, ...patientRules, ...orderRules];

export const NO_TEXT_REASON = 'Aucun texte trouvé (télécopie vierge ?)';

export function unreadableReport(reason: string): Report {
  return { verdict: 'unreadable', checks: [], reason };
}

/**
 * Letters and digits over all pages that hold text rather than noise: OCR of a blank
 * page gives specks and rules, OCR of a photo a few junk words at low confidence.
 */
function usableChars(reading: FaxReading, options: ValidationOptions): number {
  return reading.pages.reduce((n, p) => {
    const chars = p.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    const noise =
      p.source === 'ocr' && (p.confidence ?? 0) < options.noiseOcrConfidence && chars < options.noiseMaxChars;
    return noise ? n : n + chars;
  }, 0);
}

export function validate(order: ParsedOrder, reading: FaxReading, opts?: Partial<ValidationOptions>): Report {
  const options = resolveOptions(opts);
  if (reading.pages.length === 0 || usableChars(reading, options) < Math.max(1, options.minUsableChars)) {
    return unreadableReport(NO_TEXT_REASON);
  }
  const rank = (c: Check) => CheckId.options.indexOf(c.id);
  const checks = flagUncertainFields(
    RULES.map((rule) => rule(order, reading, options))
      .filter((c): c is Check => c !== null)
      .sort((a, b) => rank(a) - rank(b)),
    order,
  );
  return {
    verdict: computeVerdict(checks, { readable: true, isOrder: order.isOrder }),
    checks,
    reason: null,
  };
}
