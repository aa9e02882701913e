/**
 * Structured JSON-lines logging: one object per line,
 * `{"ts":"…","level":"info","msg":"…", …fields}`.
 *
 * What to log: ids, codes, counts, durations, names from config. Never
 * request or response bodies, prompts, completions, headers or keys. The
 * field types below reject the usual content names at compile time, and
 * every field passes through {@link redactFields} at run time, which omits
 * content fields and masks credentials wherever they hide.
 */
import type { Config } from '../config/schema.ts';
import type { Secret } from '../config/secret.ts';
import { sanitizeText } from './mask-credentials.ts';
import { DEFAULT_REDACTION_LIMITS, redactFields } from './redact.ts';
import type { JsonValue, RedactionLimits } from './redact.ts';

export type LogLevel = Config['logging']['level'];

const LEVEL_RANK = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: Number.POSITIVE_INFINITY,
} as const satisfies Record<LogLevel, number>;

/** A value a log field may hold: scalars, errors, secrets, and plain records and arrays of them. */
export type LogValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | Error
  | Secret
  | readonly LogValue[]
  | { readonly [field: string]: LogValue };

/** Content names a caller must not use (the redactor would omit them anyway). */
interface NoContentFields {
  readonly body?: never;
  readonly prompt?: never;
  readonly messages?: never;
  readonly content?: never;
  readonly completion?: never;
  readonly choices?: never;
  readonly text?: never;
  readonly headers?: never;
}

export type LogFields = { readonly [field: string]: LogValue } & NoContentFields;

export interface Logger {
  readonly level: LogLevel;
  /** Lets a caller skip building fields for a line that would be dropped. */
  isLevelEnabled(level: Exclude<LogLevel, 'silent'>): boolean;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` (redacted once, here) to every line. */
  child(bindings: LogFields): Logger;
}

/** Where lines go; `process.stdout` by default. */
export interface LogDestination {
  write(line: string): unknown;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly destination?: LogDestination;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  readonly limits?: RedactionLimits;
}

/** Fields every line owns; a caller's field of the same name is kept as `_<name>`. */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(['ts', 'level', 'msg']);
/** Messages should be constant text; this bounds the ones that are not. */
const MAX_MESSAGE_LENGTH = 1024;

export function createLogger(options: LoggerOptions = {}): Logger {
  return new JsonLogger(
    options.level ?? 'info',
    options.destination ?? process.stdout,
    options.now ?? Date.now,
    options.limits ?? DEFAULT_REDACTION_LIMITS,
    {},
  );
}

class JsonLogger implements Logger {
  readonly level: LogLevel;
  readonly #rank: number;
  readonly #destination: LogDestination;
  readonly #now: () => number;
  readonly #limits: RedactionLimits;
  readonly #bindings: Readonly<Record<string, JsonValue>>;

  constructor(
    level: LogLevel,
    destination: LogDestination,
    now: () => number,
    limits: RedactionLimits,
    bindings: Readonly<Record<string, JsonValue>>,
  ) {
    this.level = level;
    this.#rank = LEVEL_RANK[level];
    this.#destination = destination;
    this.#now = now;
    this.#limits = limits;
    this.#bindings = bindings;
  }

  isLevelEnabled(level: Exclude<LogLevel, 'silent'>): boolean {
    return LEVEL_RANK[level] >= this.#rank;
  }

  debug(message: string, fields?: LogFields): void {
    if (this.#rank <= LEVEL_RANK.debug) this.#write('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    if (this.#rank <= LEVEL_RANK.info) this.#write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    if (this.#rank <= LEVEL_RANK.warn) this.#write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    if (this.#rank <= LEVEL_RANK.error) this.#write('error', message, fields);
  }

  child(bindings: LogFields): Logger {
    return new JsonLogger(this.level, this.#destination, this.#now, this.#limits, {
      ...this.#bindings,
      ...this.#redactFields(bindings),
    });
  }

  #write(level: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields | undefined): void {
    try {
      const record = {
        ts: new Date(this.#now()).toISOString(),
        level,
        msg: sanitizeText(message, MAX_MESSAGE_LENGTH),
        ...this.#bindings,
        ...(fields === undefined ? undefined : this.#redactFields(fields)),
      };
      this.#destination.write(`${JSON.stringify(record)}\n`);
    } catch {
      // Logging must never fail the request that logs; a broken destination loses lines only.
    }
  }

  #redactFields(fields: object): Record<string, JsonValue> {
    const redacted = redactFields(fields, this.#limits);
    if (!Object.keys(redacted).some((name) => RESERVED_FIELDS.has(name))) return redacted;
    const renamed = Object.create(null) as Record<string, JsonValue>;
    for (const [name, value] of Object.entries(redacted)) {
      renamed[RESERVED_FIELDS.has(name) ? `_${name}` : name] = value;
    }
    return renamed;
  }
}

/** A logger that writes nothing, for tests and tools. */
export const silentLogger: Logger = createLogger({
  level: 'silent',
  destination: { write: () => undefined },
});
