/**
 * Loading configuration: find the file, parse YAML, validate with the schema,
 * resolve `env:` secret references, and freeze. The only module that reads
 * `process.env` (callers pass an environment in for tests).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { configSchema, providerSchema, type Config } from './schema.ts';
import { CANARY_REFERENCE, MIN_CANARY_LENGTH } from './guards-schema.ts';
import { SHIPPED_GUARD_PROFILES } from './guard-profiles.ts';
import { applyEnvironmentDefaults } from './defaults.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

/** One problem in a configuration, with the path to the offending value. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];
  readonly file: string | undefined;

  constructor(problems: readonly ConfigProblem[], file?: string) {
    const where = file === undefined ? 'configuration' : file;
    super(
      `Invalid ${where}:\n` +
        problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join('\n'),
    );
    this.problems = problems;
    this.file = file;
  }
}

/** Largest configuration file accepted (a config file is not a data file). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export const CONFIG_ENV_VAR = 'RINGFENCE_CONFIG';
export const DEFAULT_CONFIG_FILE = 'ringfence.yaml';

/**
 * Which file to load: an explicit path, else `$RINGFENCE_CONFIG`, else
 * `./ringfence.yaml` when it exists; `undefined` means built-in defaults.
 */
export function resolveConfigPath(
  explicit: string | undefined,
  environment: Environment,
  exists: (file: string) => boolean,
): string | undefined {
  if (explicit !== undefined) return path.resolve(explicit);
  const fromEnv = environment[CONFIG_ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const local = path.resolve(DEFAULT_CONFIG_FILE);
  return exists(local) ? local : undefined;
}

/** Parses and validates configuration text (YAML or JSON). */
export function parseConfigText(text: string, environment: Environment, file?: string): Config {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new ConfigError([{ path: '(file)', message: 'is larger than 4 MiB' }], file);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true }) ?? {};
  } catch (error) {
    const message =
      error instanceof YAMLParseError
        ? `YAML syntax error at line ${error.linePos?.[0].line ?? '?'}: ${error.code}`
        : 'YAML syntax error';
    throw new ConfigError([{ path: '(file)', message }], file);
  }
  return validateConfig(raw, environment, file);
}

/** Validates an already-parsed configuration object. */
export function validateConfig(raw: unknown, environment: Environment, file?: string): Config {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(zodProblems(parsed.error), file);
  const config = applyEnvironmentDefaults(parsed.data, environment);
  const problems = [
    ...environmentProviderProblems(parsed.data, config),
    ...crossCheck(config),
    ...missingSecrets(config, environment),
  ];
  if (problems.length > 0) throw new ConfigError(problems, file);
  return deepFreeze(config);
}

/** Reads, parses and validates the configuration; built-in defaults when there is no file. */
export function loadConfig(options: {
  readonly file?: string | undefined;
  readonly environment: Environment;
}): { readonly config: Config; readonly file: string | undefined } {
  const file = resolveConfigPath(options.file, options.environment, (candidate) => {
    try {
      readFileSync(candidate, { flag: 'r' });
      return true;
    } catch {
      return false;
    }
  });
  if (file === undefined) {
    return { config: validateConfig({}, options.environment), file: undefined };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([{ path: '(file)', message: `cannot be read (${code})` }], file);
  }
  return { config: parseConfigText(text, options.environment, file), file };
}

function zodProblems(error: z.ZodError): ConfigProblem[] {
  return issueProblems(error.issues, []);
}

function issueProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    // One problem per unknown key, at the key's own path, so a typo reads
    // `server.prot: unknown key` rather than a message about its parent.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...at, key]),
        message: 'unknown key (check the spelling; see docs/configuration.md)',
      }));
    }
    // A union (`block` or `{ action, rules }`) says only "Invalid input";
    // report the branch the value came closest to matching instead.
    if (issue.code === 'invalid_union') {
      const branch = closestBranch(issue.errors);
      if (branch !== undefined) return issueProblems(branch, at);
    }
    return [{ path: at.length === 0 ? '(root)' : formatPath(at), message: issue.message }];
  });
}

/**
 * The union branch whose problems lie deepest in the value (it matched the
 * most); on a tie, the first that did not fail on the value's type.
 */
function closestBranch(
  branches: readonly (readonly z.core.$ZodIssue[])[],
): readonly z.core.$ZodIssue[] | undefined {
  let best: readonly z.core.$ZodIssue[] | undefined;
  let bestScore = -1;
  for (const branch of branches) {
    if (branch.length === 0) continue;
    const depth = Math.max(...branch.map((issue) => issue.path.length));
    const typeMismatch = branch.every((issue) => issue.code === 'invalid_type');
    const score = depth * 2 + (typeMismatch ? 0 : 1);
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * Providers added from the environment (`OPENAI_API_KEY` with
 * `OPENAI_BASE_URL`, …) were never seen by the schema, so a bad base URL in
 * a variable would load and fail every request; they get the file's checks.
 */
function environmentProviderProblems(file: Config, config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, provider] of Object.entries(config.providers)) {
    if (name in file.providers) continue;
    const checked = providerSchema.safeParse(provider);
    if (checked.success) continue;
    for (const problem of zodProblems(checked.error)) {
      problems.push({
        path: `providers.${name}${problem.path === '(root)' ? '' : `.${problem.path}`}`,
        message: `${problem.message} (set from the environment)`,
      });
    }
  }
  return problems;
}

/** Checks the schema cannot express: references between sections. */
function crossCheck(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [alias, definition] of Object.entries(config.models)) {
    definition.targets.forEach((target, index) => {
      if (!(target.provider in config.providers)) {
        problems.push({
          path: `models.${alias}.targets[${index}].provider`,
          message: `unknown provider "${target.provider}" (defined: ${Object.keys(config.providers).join(', ') || 'none'})`,
        });
      }
    });
  }
  const profiles = new Set([
    ...Object.keys(SHIPPED_GUARD_PROFILES),
    ...Object.keys(config.guards.profiles),
  ]);
  config.guards.select.forEach((entry, index) => {
    if (!profiles.has(entry.profile)) {
      problems.push({
        path: `guards.select[${index}].profile`,
        message: `unknown guard profile "${entry.profile}" (defined: ${[...profiles].sort().join(', ')})`,
      });
    }
  });
  return problems;
}

/** Every `env:` reference must resolve to a non-empty variable. */
function missingSecrets(config: Config, environment: Environment): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const check = (reference: string | undefined, where: string): void => {
    if (reference === undefined) return;
    const variable = reference.slice('env:'.length);
    const value = environment[variable];
    if (value === undefined || value === '') {
      problems.push({ path: where, message: `environment variable ${variable} is not set` });
    }
  };
  for (const [name, provider] of Object.entries(config.providers)) {
    if (provider.kind !== 'sim') check(provider.apiKey, `providers.${name}.apiKey`);
  }
  check(config.server.adminToken, 'server.adminToken');
  config.guards.canaries.forEach((canary, index) => {
    if (!CANARY_REFERENCE.test(canary)) return;
    const where = `guards.canaries[${index}]`;
    const before = problems.length;
    check(canary, where);
    const value = environment[canary.slice('env:'.length)];
    if (problems.length === before && value !== undefined && value.length < MIN_CANARY_LENGTH) {
      problems.push({
        path: where,
        message: `environment variable ${canary.slice('env:'.length)} must hold at least ${MIN_CANARY_LENGTH} characters`,
      });
    }
  });
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The process environment: the one place it is read. */
export function processEnvironment(): Environment {
  return process.env;
}
