/** What one file may cost a reading process before it is killed (see reading-process.ts). */
export interface ReadBudget {
  /** Wall-clock time for one page (or for the file's structure, before its first page). */
  pageMs: number;
  /** Wall-clock time for the whole file. */
  fileMs: number;
  /** Resident memory of the reading process (all its threads: JS heap, WebAssembly, libvips). */
  memoryBytes: number;
}

export const defaultReadBudget: ReadBudget = {
  pageMs: 120_000,
  fileMs: 1_200_000,
  memoryBytes: 1024 * 1024 * 1024,
};
