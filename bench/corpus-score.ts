/**
 * Scoring `faxdesk check --json` results against a corpus of faxes with their truth files
 * (`../shared/corpus/faxes/*.json`), the same way `../shared/tools/score-corpus.mjs` does: names
 * and NAM without accents, case or punctuation, phone and permit by digits, dates exactly, the
 * exam by its words. Kept in step with that tool so `npm run accuracy` and it agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../src/check/result.ts';

export interface CorpusTruth {
  file: string;
  case: string;
  isOrder: boolean;
  fromService: boolean;
  handwritten: boolean;
  verdict: string;
  expected: Record<string, string | null>;
  [field: string]: unknown;
}

export function loadCorpus(dir: string): CorpusTruth[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CorpusTruth);
}

const norm = (s: unknown): string =>
  s == null
    ? ''
    : String(s)
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '');
const tokens = (s: unknown): Set<string> =>
  new Set(
    String(s ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );
function examMatch(a: unknown, b: unknown): boolean {
  const A = tokens(a);
  const B = tokens(b);
  if (!A.size || !B.size) return A.size === B.size;
  let inter = 0;
  for (const w of A) if (B.has(w)) inter++;
  return inter / Math.min(A.size, B.size) >= 0.6;
}
const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((x, k) => (x == null ? undefined : (x as Record<string, unknown>)[k]), o);

type Kind = 'name' | 'digits' | 'exact' | 'exam';
export const SCORED_FIELDS: [string, Kind][] = [
  ['sender.firstName', 'name'],
  ['sender.lastName', 'name'],
  ['prescriber.firstName', 'name'],
  ['prescriber.lastName', 'name'],
  ['prescriber.phone', 'digits'],
  ['prescriber.permit', 'digits'],
  ['patient.firstName', 'name'],
  ['patient.lastName', 'name'],
  ['patient.birthDate', 'exact'],
  ['patient.nam', 'name'],
  ['exam', 'exam'],
  ['orderDate', 'exact'],
];

function same(kind: Kind, t: unknown, p: unknown): boolean {
  if (t == null || t === '') return p == null || p === '';
  if (kind === 'exam') return examMatch(t, p);
  if (kind === 'digits') {
    const td = String(t).replace(/\D/g, '');
    const pd = String(p ?? '').replace(/\D/g, '');
    return pd.length >= td.length && pd.length <= td.length + 1 && pd.endsWith(td);
  }
  if (kind === 'exact') return String(t) === String(p ?? '');
  return norm(t) === norm(p);
}

export type Group = 'clean' | 'degraded' | 'handwritten';
export const groupOf = (t: CorpusTruth): Group =>
  t.handwritten ? 'handwritten' : t.case === 'degraded' || t.case === 'rotated_page' ? 'degraded' : 'clean';

export interface Tally {
  fieldsRight: number;
  fields: number;
  checksRight: number;
  checks: number;
  verdictsRight: number;
  faxes: number;
  falseOk: number;
}
export const newTally = (): Tally => ({
  fieldsRight: 0,
  fields: 0,
  checksRight: 0,
  checks: 0,
  verdictsRight: 0,
  faxes: 0,
  falseOk: 0,
});

export interface CorpusScore {
  total: Tally;
  groups: Record<Group, Tally>;
  misses: string[];
}

export function scoreCorpus(truths: CorpusTruth[], results: Map<string, CheckResult>): CorpusScore {
  const total = newTally();
  const groups: Record<Group, Tally> = { clean: newTally(), degraded: newTally(), handwritten: newTally() };
  const misses: string[] = [];
  for (const t of truths) {
    const r = results.get(t.file);
    const tallies = [total, groups[groupOf(t)]];
    const add = (key: keyof Tally, n = 1): void => tallies.forEach((x) => (x[key] += n));
    add('faxes');
    const wrong: string[] = [];
    if (t.fromService && t.isOrder) {
      for (const [path, kind] of SCORED_FIELDS) {
        const want = get(t, path);
        const got = r ? get(r.fields, path) : undefined;
        add('fields');
        if (r && same(kind, want, got)) add('fieldsRight');
        else wrong.push(`${path}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
      }
    }
    const checks = new Map<string, string>((r?.checks ?? []).map((c) => [c.id, c.status]));
    for (const [id, want] of Object.entries(t.expected)) {
      if (want == null) continue;
      if (t.verdict === 'not_service' && id !== 'service.number') continue;
      if (t.verdict === 'not_order' && !id.startsWith('service.')) continue;
      add('checks');
      if (checks.get(id) === want) add('checksRight');
      else wrong.push(`check ${id}: want ${want} got ${checks.get(id)}`);
    }
    if (r?.verdict === t.verdict) add('verdictsRight');
    else wrong.push(`verdict: want ${t.verdict} got ${r?.verdict}`);
    if (r?.verdict === 'ok' && t.verdict !== 'ok') add('falseOk');
    if (wrong.length) misses.push(`${t.file} [${t.case}] ${r ? wrong.join('; ') : 'no report'}`);
  }
  return { total, groups, misses };
}

const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');

export function formatTally(t: Tally): string {
  return `fields ${pct(t.fieldsRight, t.fields)}, checks ${pct(t.checksRight, t.checks)}, verdicts ${pct(t.verdictsRight, t.faxes)}, false ok ${t.falseOk} (${t.faxes} faxes)`;
}
