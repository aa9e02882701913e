/**
 * JSON request parsing with a nesting limit. The depth is checked by a linear
 * scan before `JSON.parse` so a hostile body of deep brackets cannot exhaust
 * the stack or the CPU; the scan skips string contents (escapes included).
 */
import { exceedsJsonDepth } from '../chat/json-depth.ts';
import { GatewayError } from '../errors.ts';

export function parseJsonBody(body: Buffer, maxDepth: number): unknown {
  if (body.length === 0) {
    throw new GatewayError('invalid_json', 'The request body is empty; a JSON object is required.');
  }
  const text = body.toString('utf8');
  if (exceedsJsonDepth(text, maxDepth)) {
    throw new GatewayError(
      'too_deeply_nested',
      `The request JSON is nested deeper than the limit of ${maxDepth} levels.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new GatewayError('invalid_json', 'The request body is not valid JSON.', { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayError('invalid_json', 'The request body must be a JSON object.');
  }
  return value;
}
