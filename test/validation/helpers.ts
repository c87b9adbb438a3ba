/** Builders for the validation tests: a complete valid order, broken one field at a time. */
import type { ParsedOrder } from '../../src/domain/order.ts';
import type { FaxReading, PageReading } from '../../src/domain/reading.ts';
import type { Check, CheckId, Report } from '../../src/domain/report.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<T[K]> | T[K] : T[K] };

/** A complete, valid order (fictitious people): every rule passes on it. */
export function validOrder(): ParsedOrder {
  return {
    header: {
      serviceNumberInHeader: true,
      serviceNumberAnywhere: true,
      sender: { firstName: 'Marie', lastName: 'Tremblay' },
      pageCount: 1,
      banner: { transit: true, doNotReply: true, confidentiality: true, formCode: true },
    },
    prescriber: { firstName: 'Marie', lastName: 'Tremblay', phone: '5145550123', permit: '12345' },
    patient: {
      firstName: 'Jean',
      lastName: 'Côté',
      birthDate: '1980-05-10',
      nam: 'COTJ80051012',
      namRaw: null,
      altId: null,
    },
    exam: 'Échographie abdominale',
    clinicalInfo: 'Douleur QSD',
    orderDate: '2024-03-01',
    recipients: ['4505550199'],
    isOrder: true,
    signed: false,
    repairs: [],
    provenance: {},
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in out ? merge(out[k], v) : v;
  return out as T;
}

/** validOrder() with some fields replaced (nested objects are merged, null replaces). */
export function orderWith(patch: DeepPartial<ParsedOrder>): ParsedOrder {
  return merge(validOrder(), patch);
}

export function page(over: Partial<PageReading> = {}): PageReading {
  return {
    index: 1,
    text: "Ordonnance d'imagerie\nÉchographie abdominale",
    source: 'text-layer',
    confidence: null,
    rotation: 0,
    skew: 0,
    greyRatio: null,
    width: null,
    height: null,
    ...over,
  };
}

export function textReading(pages: PageReading[] = [page()]): FaxReading {
  return { kind: 'pdf', pages, ocrUsed: false, confidence: null };
}

export function ocrReading(pages: Partial<PageReading>[] = [{}]): FaxReading {
  const ps = pages.map((p, i) =>
    page({ index: i + 1, source: 'ocr', confidence: 88, greyRatio: 0.01, width: 1728, height: 2200, ...p }),
  );
  return { kind: 'tiff', pages: ps, ocrUsed: true, confidence: 88 };
}

export function checkOf(report: Report | Check[], id: CheckId): Check | undefined {
  const checks = Array.isArray(report) ? report : report.checks;
  return checks.find((c) => c.id === id);
}
