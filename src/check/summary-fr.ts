/**
 * The readable French summary printed by `faxdesk check`: the verdict first,
 * then each check with ✓ / ⚠ / ✗ and its message.
 */
import type { CheckStatus, Verdict } from '../domain/report.ts';
import type { CheckResult } from './result.ts';

export const VERDICT_LABEL_FR: Record<Verdict, string> = {
  ok: '✅ Conforme',
  review: '⚠ À vérifier',
  incomplete: '❌ Incomplète',
  not_service: '⛔ Provenance non confirmée (pas du service de télécopie du MSSS)',
  not_order: 'ℹ Pas une ordonnance d’imagerie',
  unreadable: '❓ Illisible',
};

const STATUS_MARK: Record<CheckStatus, string> = { pass: '✓', warn: '⚠', fail: '✗', info: 'ℹ', skip: '–' };

export function formatSummaryFr(result: CheckResult): string {
  const lines = [`${result.file}`, `  Verdict : ${VERDICT_LABEL_FR[result.verdict]}`];
  if (result.reason) lines.push(`  Raison : ${result.reason}`);
  const ocr = result.ocr.used
    ? `OCR, confiance ${result.ocr.confidence ?? '?'} %`
    : result.pages > 0
      ? 'texte du PDF'
      : 'aucun texte';
  lines.push(`  Pages : ${result.pages} (${ocr})`);
  for (const check of result.checks) {
    if (check.status === 'skip') continue;
    lines.push(`  ${STATUS_MARK[check.status]} ${check.id} — ${check.message}`);
  }
  return lines.join('\n');
}
