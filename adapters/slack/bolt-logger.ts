/**
 * Bolt's and the Web API client's log lines, into Faxdesk's logger. Their debug output holds
 * request bodies (our cards: patient data) and payloads, so it is dropped whole; other lines
 * keep only their leading text, cut short, and an error's class and code, never its data.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';

const MAX_CHARS = 200;

function describe(parts: unknown[]): { msg: string; error?: string } {
  const text = parts.filter((p): p is string => typeof p === 'string').join(' ');
  const err = parts.find((p): p is Error => p instanceof Error);
  const code = err && 'code' in err && typeof err.code === 'string' ? `:${err.code}` : '';
  return {
    msg: `slack: ${(text || err?.message || 'event').slice(0, MAX_CHARS)}`,
    ...(err ? { error: `${err.name}${code}` } : {}),
  };
}

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug() {},
    info: (...parts: unknown[]) => {
      const { msg, error } = describe(parts);
      log.info(msg, { error });
    },
    warn: (...parts: unknown[]) => {
      const { msg, error } = describe(parts);
      log.warn(msg, { error });
    },
    error: (...parts: unknown[]) => {
      const { msg, error } = describe(parts);
      log.error(msg, { error });
    },
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName() {},
  };
}
