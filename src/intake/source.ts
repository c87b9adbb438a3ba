/**
 * Where faxes come from. A source delivers paths of files that are complete
 * (written to the end) to a handler — for `faxdesk watch`, the intake's
 * processFile. Today: a folder (adapters/inbox/folder.ts); later a mailbox or a webhook
 * that writes each attachment to a file first.
 */
export type DeliverFile = (path: string) => Promise<unknown>;

export interface InboxSource {
  /** Starts delivering; resolves once watching has begun. Errors in `deliver` are logged, never fatal. */
  start(deliver: DeliverFile): Promise<void>;
  /** Stops watching; resolves after the files in flight are finished. */
  stop(): Promise<void>;
}
