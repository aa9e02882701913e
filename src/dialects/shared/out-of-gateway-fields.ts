/**
 * Request fields that make the provider reach other servers or run code on
 * the caller's behalf: remote MCP servers, code-execution containers, web
 * search. Whatever happens there is outside the gateway's policy, guardrails
 * and audit log, and no other provider could serve it on fallback, so such
 * fields are refused with a clear message instead of being passed through.
 * Each dialect lists its own fields, with the reason, in its `parse-request.ts`.
 */
import type { JsonObject } from './json-value.ts';
import type { RequestChecks } from './request-checks.ts';
import { isAbsent } from './request-checks.ts';

/** Field name → the problem to report (worded to follow the field name). */
export type OutOfGatewayFields = ReadonlyMap<string, string>;

/** Throws for the first listed field the body sets (an explicit `null` is "not given"). */
export function rejectOutOfGatewayFields(
  body: JsonObject,
  fields: OutOfGatewayFields,
  invalid: RequestChecks['invalid'],
): void {
  for (const [field, problem] of fields) {
    if (Object.hasOwn(body, field) && !isAbsent(body[field])) throw invalid(field, problem);
  }
}
