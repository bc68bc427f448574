import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** What a database error may tell the log: never the query's parameters, the row's values or `detail` (`Key (email)=(…)`). */
const DB_FIELDS = ['code', 'constraint', 'table', 'column', 'routine', 'severity'] as const;

type Loose = Record<string, unknown>;

function isDatabaseError(e: Loose): boolean {
  return ('query' in e && 'params' in e) || (typeof e.code === 'string' && SQLSTATE.test(e.code) && 'severity' in e);
}

/**
 * The `err` serializer of every logger. A database error carries the SQL and its bound
 * parameters (a password hash, an email) in its message, stack and fields: it is logged
 * as its type, SQLSTATE code and constraint, with the stack frames but not the first line.
 * Other errors are logged as pino logs them; a string is cut before `params:`.
 */
export function serializeError(err: unknown): unknown {
  if (typeof err === 'string') return err.startsWith('Failed query:') ? 'Failed query (parameters not logged)' : err;
  if (!(err instanceof Error)) return err;
  const chain: Loose[] = [];
  for (let e: unknown = err; e && typeof e === 'object' && chain.length < 5; e = (e as Loose).cause) chain.push(e as Loose);
  if (!chain.some(isDatabaseError)) return pino.stdSerializers.err(err);
  const fields: Loose = {};
  for (const e of chain) for (const k of DB_FIELDS) if (fields[k] === undefined && typeof e[k] === 'string') fields[k] = e[k];
  return {
    type: err.name,
    message: `database error ${fields.code ?? ''}${fields.constraint ? ` on ${String(fields.constraint)}` : ''}`.trim(),
    ...fields,
    stack: err.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n'),
  };
}

/**
 * Where the log goes when no destination is given: readable coloured lines when a person
 * watches a terminal (pino-pretty, loaded only then), JSON lines otherwise (a file, a pipe,
 * a container's log driver), which is what log tools read.
 */
function defaultDestination(): DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  const pretty = createRequire(import.meta.url)('pino-pretty') as (o: object) => DestinationStream;
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true });
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name: string, destination?: DestinationStream): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    serializers: { err: serializeError },
    redact: { paths: ['req.headers.authorization', 'password', '*.password', 'passwordHash', '*.passwordHash', 'token'], censor: '[redacted]' },
  }, destination ?? defaultDestination());
}
