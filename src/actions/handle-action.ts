/**
 * Runs a card action through the workflow and, when it changed anything,
 * queues the card's update everywhere it was posted (the outbox), so every
 * viewer sees the new state. Adapters acknowledge the click first, then call
 * this, then show the person the result (ephemeral message, toast, modal error).
 */
import type { ActionActor, ActionResult, Workflow } from '../workflow/index.ts';
import type { FaxStore } from '../store/store.ts';
import type { FaxAction } from './fax-action.ts';

export interface ActionHandlerDeps {
  workflow: Workflow;
  store: FaxStore;
  /** Called after a card update was queued (e.g. wakes the outbox worker). */
  onCardChanged?: (faxId: string) => void;
  clock?: () => Date;
}

function run(workflow: Workflow, a: FaxAction, actor: ActionActor): Promise<ActionResult> {
  const expectedStatus = a.expectedStatus;
  switch (a.action) {
    case 'fax.accept':
      return workflow.accept(a.faxId, actor, { reason: a.reason, expectedStatus });
    case 'fax.reject':
      return workflow.reject(a.faxId, actor, { reason: a.reason ?? '', expectedStatus });
    case 'fax.undo_accept':
      return workflow.undoAccept(a.faxId, actor, { expectedStatus });
    case 'fax.file':
      return workflow.reject(a.faxId, actor, { reason: a.reason ?? '', filed: true, expectedStatus });
    case 'fax.auth_request':
      return workflow.requestAuthentication(a.faxId, actor, { expectedStatus });
    case 'fax.auth_authenticated':
      return workflow.recordAuthOutcome(a.faxId, actor, {
        outcome: 'authenticated',
        note: a.note,
        expectedStatus,
      });
    case 'fax.auth_unreachable':
      return workflow.recordAuthOutcome(a.faxId, actor, {
        outcome: 'unreachable',
        note: a.note,
        expectedStatus,
      });
    case 'fax.auth_refused':
      return workflow.recordAuthOutcome(a.faxId, actor, {
        outcome: 'refused',
        note: a.note ?? a.reason,
        expectedStatus,
      });
    case 'fax.report_problem':
      return workflow.reportProblem(a.faxId, actor, {
        category: a.category ?? 'other',
        description: a.description ?? '',
      });
  }
}

export function createActionHandler(deps: ActionHandlerDeps) {
  const clock = deps.clock ?? (() => new Date());
  return async function handleFaxAction(action: FaxAction, actor: ActionActor): Promise<ActionResult> {
    const result = await run(deps.workflow, action, actor);
    // A refused problem-report mail is still recorded (mailed: false): the card shows it too.
    const changed = result.ok || (result.code === 'mail_failed' && result.event !== undefined);
    if (changed) {
      await deps.store.enqueueCardUpdate(action.faxId, clock());
      deps.onCardChanged?.(action.faxId);
    }
    return result;
  };
}
export type FaxActionHandler = ReturnType<typeof createActionHandler>;
