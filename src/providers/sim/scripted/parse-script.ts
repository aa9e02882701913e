import type { z } from 'zod';
import { GatewayError } from '../../../errors.ts';
import { scriptAnswerSchema, scriptErrorSchema } from './script-schema.ts';
import type { Script, ScriptStep } from './script-schema.ts';
import { exceedsJsonDepth } from '../../../chat/json-depth.ts';

/** Longest script, in UTF-8 bytes of JSON text. */
export const MAX_SCRIPT_BYTES = 1024 * 1024;
/** Deepest bracket nesting accepted: bounds the recursion of everything that walks the script. */
export const MAX_SCRIPT_DEPTH = 64;
/** Most steps in a turn-indexed script. */
export const MAX_SCRIPT_STEPS = 1000;

/** A caller error naming what is wrong with the script (never its content). */
export function invalidScript(reason: string, param: string): GatewayError {
  return new GatewayError('invalid_request', `The sim/scripted response is not valid: ${reason}.`, {
    param,
  });
}

/** Parses and strictly validates script JSON text; `param` names where it came from. */
export function parseScript(text: string, param: string): Script {
  if (Buffer.byteLength(text, 'utf8') > MAX_SCRIPT_BYTES) {
    throw invalidScript('it is larger than 1 MiB', param);
  }
  if (exceedsJsonDepth(text, MAX_SCRIPT_DEPTH)) {
    throw invalidScript(`it is nested more than ${MAX_SCRIPT_DEPTH} levels deep`, param);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidScript('it is not JSON', param);
  }
  if (!Array.isArray(value)) return [parseStep(value, '', param)];
  if (value.length === 0) throw invalidScript('the step array is empty', param);
  if (value.length > MAX_SCRIPT_STEPS) {
    throw invalidScript(`it has more than ${MAX_SCRIPT_STEPS} steps`, param);
  }
  return value.map((step: unknown, index) => parseStep(step, `[${index}]`, param));
}

function parseStep(value: unknown, path: string, param: string): ScriptStep {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidScript(`${path === '' ? 'the script' : path} must be an object`, param);
  }
  const parsed =
    'error' in value ? scriptErrorSchema.safeParse(value) : scriptAnswerSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = path + (issue === undefined ? '' : issuePath(issue.path));
  const reason = issue?.message ?? 'invalid step';
  throw invalidScript(where === '' ? reason : `${where}: ${reason}`, param);
}

function issuePath(path: z.core.$ZodIssue['path']): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

/** Deepest `{`/`[` nesting outside strings, by a linear scan (before JSON.parse builds anything). */
