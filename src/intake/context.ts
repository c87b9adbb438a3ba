/** What the intake's parts share: the store, the processors, the folders, the clock, the log. */
import type { FaxStore } from '../store/store.ts';
import type { IntakeLog } from './log.ts';
import type { IntakeStage } from './outcome.ts';
import type { FaxProcessors } from './processors.ts';

export interface IntakePaths {
  inbox: string;
  archive: string;
  quarantine: string;
}

export type StageObserver = (
  stage: IntakeStage,
  info: { file: string; faxId: string | null },
) => void | Promise<void>;

export interface IntakeContext {
  store: FaxStore;
  processors: FaxProcessors;
  paths: IntakePaths;
  clock: () => Date;
  log: IntakeLog;
  onStage: StageObserver;
  maxBytes: number;
}
