import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config/app-config';
import { clientRequestId, requestId } from './request-id';

/**
 * A URL as it may be logged: the path only (query strings may carry tokens) and share-link
 * tokens replaced, like session cookies (the database keeps only their hash).
 */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/\/shared\/[^/]+/, '/shared/[redacted]');
}

/** Paths that may hold secrets: never written to the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.currentPassword',
  'req.body.newPassword',
  'password',
  'token',
];

/** How long a log line may wait in the buffer of standard output. */
const LOG_FLUSH_MS = 1_000;

/**
 * Standard output written in blocks (up to 4 KiB, and at least every second) instead of one
 * write call per line: the access log's write was about a sixth of the CPU a reused answer
 * costs (bench/hit-cost.ts). Pino flushes what is left when the process exits.
 */
function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

export function loggerOptions(config: AppConfig): Params {
  const options: NonNullable<Exclude<Params['pinoHttp'], unknown[]>> = {
    level: config.logLevel,
    genReqId: requestId,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
    serializers: {
      req: (req: {
        id: string;
        method: string;
        url: string;
        headers: Record<string, string | string[] | undefined>;
      }) => ({
        id: req.id,
        // The client's (or a proxy's) own id, for correlation: never used as ours.
        clientRequestId: clientRequestId(req),
        method: req.method,
        url: redactUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    ...(config.logPretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  return {
    // Tests read the access log from a stream of their own.
    pinoHttp: config.logDestination
      ? [options, config.logDestination]
      : config.logPretty || config.logLevel === 'silent'
        ? options
        : [options, bufferedStdout()],
    forRoutes: ['*path'],
  };
}
