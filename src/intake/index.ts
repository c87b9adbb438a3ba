export * from './intake.ts';
export * from './outcome.ts';
export * from './processors.ts';
export * from './log.ts';
export * from './source.ts';
export { isIgnoredName } from './candidates.ts';
export {
  waitUntilStable,
  snapshot,
  sameSnapshot,
  type FileSnapshot,
  type StabilityOptions,
  type StabilityResult,
} from './stability.ts';
export { fingerprint, sniffKind, type Fingerprint } from './fingerprint.ts';
export {
  safeFileName,
  storedName,
  archiveDayDir,
  reasonFilePath,
  SAFE_NAME_MAX_BYTES,
} from './file-names.ts';
export { moveFile, writeQuarantineNote, DestinationExistsError, type QuarantineNote } from './placement.ts';
