/** A signature present or claimed: "Signature : <something>", "signé électroniquement". */
import type { FieldScan } from './fields.ts';
import type { Doc } from './document.ts';
import { isBody } from './document.ts';

const CLAIMED =
  /sign(?:e|ee) (?:electroniquement|numeriquement|par)|electronically signed|signature electronique|\/s\//;

export function parseSigned(doc: Doc, scan: FieldScan): boolean {
  for (const f of scan.fields) {
    if (f.key !== 'signature') continue;
    // An empty signature line ("Signature : ________") is not a signature.
    if (/[\p{L}\d]/u.test(f.value.replace(/\bdate\b.*$/i, ''))) return true;
  }
  return doc.lines.some((l) => isBody(l) && CLAIMED.test(l.folded));
}
