/**
 * The chat endpoints (`POST /v1/chat/completions`, `POST /v1/messages`): the
 * request path from body to answer, the same for both dialects.
 *
 *   read body → authenticate → parse (dialect → ChatCall) → resolve model →
 *   guard the request (block / redact / flag, plant a canary) →
 *   admit (rate limit + audit intent, one group commit) → route →
 *   guard the answer → encode → audit outcome (always, in `finally`)
 *
 * Nothing is forwarded before the intent record is committed; if it cannot
 * be, the request is refused (fail closed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dialect } from '../../chat/types.ts';
import { authenticate } from '../../auth/authenticate.ts';
import type { Principal } from '../../auth/principal.ts';
import { DIALECTS } from '../../dialects/dialect.ts';
import { GatewayError, toGatewayError } from '../../errors.ts';
import { flagHeaders, guardRequest } from '../../gateway/guard-step.ts';
import { newRequestId } from '../../gateway/request-id.ts';
import { RequestAudit, type RequestOutcome } from '../../gateway/request-audit.ts';
import { resolveModel } from '../../gateway/resolve-model.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import type { RateDecision } from '../../store/types.ts';
import { readBody } from '../read-body.ts';
import { parseJsonBody } from '../parse-json.ts';
import { errorBodyText, sendError } from '../respond.ts';
import { answerComplete, answerStream } from './chat-answer.ts';

export function createChatRoute(
  context: GatewayContext,
  dialect: Dialect,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const codec = DIALECTS[dialect];
  return async (request, response) => {
    const runtime = context.runtime();
    const requestId = newRequestId();
    const audit = new RequestAudit(requestId, dialect, request.url ?? '', {
      keep: runtime.config.audit.bodies === 'redacted',
      maxBytes: runtime.config.audit.maxBodyBytes,
    });
    const headers = { 'x-request-id': requestId, 'request-id': requestId };
    const abort = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    context.metrics.requestStarted();

    let outcome: RequestOutcome = 'rejected';
    let intentCommitted = false;
    try {
      // The key is checked before the body is read: an unauthenticated caller
      // cannot make the gateway buffer megabytes, and every later refusal
      // (413 included) is on the record under the caller's key.
      const principal = authenticate(request.headers, context.store.keys, context.openMode());
      audit.keyId = principal.keyId;
      const body = await readBody(request, runtime.config.server.bodyLimitBytes);
      audit.recordRequestBody(body);
      const call = codec.parseRequest(
        parseJsonBody(body, runtime.config.server.maxJsonDepth),
        runtime.limits,
        request.headers,
      );
      audit.stream = call.stream;
      audit.messages = call.messages.length;
      audit.tools = call.tools.length;
      audit.alias = call.model;
      const model = resolveModel(
        call.model,
        principal,
        runtime.catalog,
        runtime.config.routing.allowDirectModels,
      );
      // Before admission: a block is a refusal like any other (intent and
      // outcome on the record, nothing forwarded), with the input findings
      // in the intent record.
      const guarded = guardRequest(context, runtime, call, principal.name, audit);

      const rate = await admit(context, principal, audit);
      // From here the intent is on the record: a refusal (rate limit
      // included) is this request's outcome, not a second intent.
      intentCommitted = true;
      await enforceRateLimit(rate.decision);

      const route = {
        call: guarded.call,
        targets: model.targets,
        region: principal.region,
        callerHeaders: callerHeaders(request),
        signal: abort.signal,
      };
      outcome = call.stream
        ? await answerStream(
            context,
            route,
            guarded.guard,
            response,
            audit,
            headers,
            codec.streamEncoder(call),
          )
        : await answerComplete(context, route, call, guarded.guard, response, audit, headers);
    } catch (thrown) {
      const error = toGatewayError(thrown);
      if (error.code === 'internal_error') {
        context.logger.error('request failed', {
          requestId,
          error: error.cause instanceof Error ? error.cause : error,
        });
      }
      audit.errorCode = error.code;
      audit.status = error.status;
      outcome = intentCommitted
        ? outcomeOfFailure(error)
        : error.code === 'guard_blocked'
          ? 'blocked'
          : 'rejected';
      if (!intentCommitted) {
        // A request refused before admission is still on the record: intent
        // and outcome go into the same group commit, before the answer. An
        // error body is deterministic, so it is recorded before it is sent
        // and the outcome carries its digest and size like any other.
        audit.recordResponseBody(errorBodyText(dialect, error));
        await settleRejection(context, audit, outcome);
      }
      if (!response.headersSent && !response.destroyed) {
        const sent = sendError(response, dialect, error, {
          ...headers,
          ...flagHeaders(audit.guards),
        });
        if (intentCommitted) audit.recordResponseBody(sent);
      }
      if (!intentCommitted) return;
    } finally {
      context.metrics.requestFinished(audit, outcome);
    }
    writeOutcome(context, audit, outcome);
  };
}

/**
 * Rate-limit token and intent record in one group commit; refuses if the
 * intent cannot be committed. Resolves once the intent is committed, with
 * the rate decision still to be enforced (by {@link enforceRateLimit}).
 */
async function admit(
  context: GatewayContext,
  principal: Principal,
  audit: RequestAudit,
): Promise<{ readonly decision: Promise<RateDecision> | undefined }> {
  const started = performance.now();
  const intent = context.store.audit.append(audit.intentRecord());
  const decision =
    principal.rpm === undefined
      ? undefined
      : context.store.rateLimits.take(`key:${principal.keyId}`, { ratePerMinute: principal.rpm });
  try {
    await intent;
  } catch (cause) {
    context.metrics.auditFailed();
    // The token, if taken, joined the same failed transaction.
    await decision?.catch(() => undefined);
    throw new GatewayError(
      'audit_unavailable',
      'The audit log is unavailable; the request was not forwarded.',
      { cause },
    );
  } finally {
    context.metrics.auditWrite(performance.now() - started);
  }
  return { decision };
}

async function enforceRateLimit(decision: Promise<RateDecision> | undefined): Promise<void> {
  if (decision === undefined) return;
  const verdict = await decision;
  if (!verdict.allowed) {
    throw new GatewayError('rate_limited', 'This API key has exceeded its request rate limit.', {
      retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
    });
  }
}

async function settleRejection(
  context: GatewayContext,
  audit: RequestAudit,
  outcome: RequestOutcome,
): Promise<void> {
  const results = await Promise.allSettled([
    context.store.audit.append(audit.intentRecord()),
    context.store.audit.append(audit.outcomeRecord(outcome, performance.now())),
  ]);
  if (results.some((result) => result.status === 'rejected')) {
    context.metrics.auditFailed();
    context.logger.error('audit write failed for a rejected request', {
      requestId: audit.requestId,
    });
  }
}

function writeOutcome(context: GatewayContext, audit: RequestAudit, outcome: RequestOutcome): void {
  // Deferred: the answer is already out, so the outcome may join the next
  // commit (usually another request's intent) instead of starting its own.
  context.store.audit
    .append(audit.outcomeRecord(outcome, performance.now()), { defer: true })
    .catch(() => {
      context.metrics.auditFailed();
      context.logger.error('audit outcome write failed', { requestId: audit.requestId });
    });
}

/** Failures after admission: the upstream's fault, or the gateway's own refusal. */
function outcomeOfFailure(error: GatewayError): RequestOutcome {
  switch (error.code) {
    case 'rate_limited':
    case 'model_suspended':
    case 'jurisdiction_blocked':
    case 'upstream_invalid_request':
    case 'guard_failed':
      return 'rejected';
    case 'guard_blocked':
      return 'blocked';
    default:
      return 'upstream_error';
  }
}

/** The caller headers backends may read; nothing else is passed on. */
function callerHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const script = request.headers['x-ringfence-sim-response'];
  return { 'x-ringfence-sim-response': typeof script === 'string' ? script : undefined };
}
