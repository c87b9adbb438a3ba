/**
 * From an HTTP request to a bot turn: botbuilder authenticates the request (Bot Framework
 * token; none in local mode), then the activity's `serviceUrl` is checked (service-url.ts)
 * before the bot reads a word of it. CloudAdapter's own `process` is not used: on any failure
 * it prints the raw stack trace to the console (stderr, outside our JSON log) and answers 500
 * with the error's internal text. Here a failure is one log line (its name and status, never an
 * activity's content) and the caller gets a generic error.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../../src/log.ts';
import { genericError, type ActivityProcessor } from './http-endpoint.ts';
import type { ServiceUrlCheck, ServiceUrlRefusal } from './service-url.ts';

/** CloudAdapter with its activity processing reachable, without its HTTP glue. */
export class FaxdeskCloudAdapter extends CloudAdapter {
  handle(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** botbuilder's authentication errors carry the status to answer (401, 403). */
function authenticationStatus(error: unknown): 401 | 403 | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return status === 401 || status === 403 ? status : null;
}

/** What botbuilder's request validation does: timestamps as dates (their text kept aside). */
function asActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body };
  for (const [key, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[key];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[key] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

export function createActivityProcessor(opts: {
  cloud: FaxdeskCloudAdapter;
  serviceUrl: ServiceUrlCheck;
  run: (context: TurnContext) => Promise<void>;
  log: Logger;
}): ActivityProcessor {
  const { log } = opts;
  return async (body: Record<string, unknown>, headers: IncomingHttpHeaders) => {
    const type = typeof body.type === 'string' ? body.type : '';
    if (type === '') {
      log.warn('teams request refused: no activity type', { status: 400 });
      return { status: 400, body: genericError(400) };
    }
    let refused: ServiceUrlRefusal | null = null;
    let invoke: InvokeResponse | undefined;
    try {
      invoke = await opts.cloud.handle(
        String(headers.authorization ?? ''),
        asActivity(body),
        async (context) => {
          refused = opts.serviceUrl(context.activity.serviceUrl);
          if (refused === null) await opts.run(context);
        },
      );
    } catch (error) {
      const status = authenticationStatus(error);
      if (status === null) throw error; // the endpoint logs it in one line and answers a generic 500
      log.warn('teams request refused: not authenticated', { status, type: type.slice(0, 40) });
      return { status, body: genericError(status) };
    }
    if (refused !== null) {
      log.warn('teams activity refused: service URL not allowed', {
        status: 403,
        reason: refused,
        type: type.slice(0, 40),
      });
      return { status: 403, body: genericError(403) };
    }
    return { status: invoke?.status ?? 200, body: invoke?.body };
  };
}
