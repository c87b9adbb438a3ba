/**
 * The `faxdesk` command line. Exit status: 0 when the command ran (whatever
 * the faxes' verdicts), 2 for a bad argument, a missing file or a bad
 * configuration, 1 for anything unexpected.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { CLI_TEXTS, cliLang, parseArgsMessage, usage } from './usage.ts';
import { UsageError } from './usage-error.ts';

const lang = cliLang();
const t = CLI_TEXTS[lang];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage(lang));
    return command === undefined ? 2 : 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      config: { type: 'string' },
      platform: { type: 'string' },
      now: { type: 'boolean', default: false },
      print: { type: 'boolean', default: false },
      'older-than': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      via: { type: 'string' },
      ref: { type: 'string' },
    },
  });
  const config = loadConfig(process.env, values.config);
  // Each command loads its own modules, when it runs: `check` need not load Slack, Teams or SQLite.
  switch (command) {
    case 'check': {
      // The reading process takes most of a second to load its decoders: start it now, so that it
      // loads while this process loads the parser, the validation and the rest of the command.
      const reader = (await import('./reader-from-config.ts')).readerFromConfig(config, { oneOff: true });
      reader.warm();
      try {
        return await (
          await import('./check-command.ts')
        ).runCheck(config, positionals, {
          json: values.json,
          reader,
        });
      } finally {
        await reader.close();
      }
    }
    case 'card':
      return (await import('./card-command.ts')).runCard(config, positionals, { platform: values.platform });
    case 'search':
      return (await import('./search-command.ts')).runSearch(config, positionals, { json: values.json });
    case 'digest':
      return (await import('./digest-command.ts')).runDigest(config, positionals, {
        now: values.now,
        print: values.print,
      });
    case 'purge':
      return (await import('./purge-command.ts')).runPurge(config, positionals, {
        olderThan: values['older-than'],
        dryRun: values['dry-run'],
      });
    case 'ingest':
      return (await import('./ingest-command.ts')).runIngest(config, positionals, {
        via: values.via,
        ref: values.ref,
      });
    case 'status':
      return (await import('./status-command.ts')).runStatus(config);
    case 'retry':
      return (await import('./status-command.ts')).runRetry(config);
    case 'watch':
      if (positionals.length > 0) throw new UsageError(t.noArgument('watch', positionals[0] ?? ''));
      return (await import('./watch-command.ts')).runWatch(config, { once: values.once });
    default:
      throw new UsageError(t.unknownCommand(command));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const isUsage =
      err instanceof UsageError ||
      err instanceof ConfigError ||
      (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${t.prefix}${parseArgsMessage(err, lang) ?? (err as Error).message}\n`);
    if (isUsage) process.stderr.write(`${t.seeHelp}\n`);
    process.exitCode = isUsage ? 2 : 1;
  },
);
