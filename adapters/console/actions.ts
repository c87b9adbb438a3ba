/**
 * A click in the console: `{ verb, data }` as the page's Adaptive Cards renderer gives it
 * (`Action.Execute` verb, its data with the form's inputs merged in), parsed before it is
 * trusted, turned into a FaxAction and run by the core's action handler.
 */
import { z } from 'zod';
import { ActionPayload, isFaxActionId, REFRESH_VERB } from '../../cards/index.ts';
import type { FaxAction } from '../../src/actions/fax-action.ts';

export const ActionRequest = z.object({
  verb: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()),
});

/** Inputs left empty come back as '' (a choice set with nothing picked): treat them as absent. */
function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')),
  );
}

export type ParsedClick =
  { kind: 'refresh'; faxId: string } | { kind: 'action'; action: FaxAction } | { kind: 'invalid' };

export function parseClick(body: unknown): ParsedClick {
  const request = ActionRequest.safeParse(body);
  if (!request.success) return { kind: 'invalid' };
  const payload = ActionPayload.safeParse(withoutEmpty(request.data.data));
  if (!payload.success) return { kind: 'invalid' };
  const { verb } = request.data;
  if (verb === REFRESH_VERB) return { kind: 'refresh', faxId: payload.data.faxId };
  if (!isFaxActionId(verb)) return { kind: 'invalid' };
  const p = payload.data;
  return {
    kind: 'action',
    action: {
      action: verb,
      faxId: p.faxId,
      expectedStatus: p.expectedStatus,
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      ...(p.category !== undefined ? { category: p.category } : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
    },
  };
}
