/**
 * Child process for the restart-safety test: runs one intake pass and kills
 * itself with SIGKILL (no cleanup, no finally blocks: a real crash) when the
 * given file reaches the given stage.
 *   node --import tsx test/intake/crash-runner.ts <dirs.json> <stage> <file name>
 */
import { basename } from 'node:path';
import { openSqliteStore } from '../../adapters/stores/sqlite/store.ts';
import { createIntake, type IntakeStage } from '../../src/intake/intake.ts';
import { fakeProcessors, type DataDirs } from './helpers.ts';

const [dirsJson, stage, victim] = process.argv.slice(2) as [string, IntakeStage, string];
const dirs = JSON.parse(dirsJson) as DataDirs;
const store = openSqliteStore(dirs.db);
const intake = createIntake({
  store,
  processors: fakeProcessors(),
  paths: dirs,
  settleMs: 50,
  onStage: (reached, { file }) => {
    if (reached === stage && basename(file) === victim) process.kill(process.pid, 'SIGKILL');
  },
});
await intake.processInboxOnce();
await store.close();
process.exit(3); // the crash did not happen: the test fails on this code
