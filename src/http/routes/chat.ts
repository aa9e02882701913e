/**
 * The chat endpoints (`POST /v1/chat/completions`, `POST /v1/messages`): the
 * request path from body to answer, the same for both dialects.
 *
 *   read body → authenticate → parse (dialect → ChatCall) → resolve model →
 *   admit (rate limit + audit intent, one group commit) → route → encode →
 *   audit outcome (always, in `finally`)
 *
 * Nothing is forwarded before the intent record is committed; if it cannot
 * be, the request is refused (fail closed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatCall, ChatStreamPart, Dialect, Usage } from '../../chat/types.ts';
import { authenticate } from '../../auth/authenticate.ts';
import type { Principal } from '../../auth/principal.ts';
import { DIALECTS, type StreamEncoder } from '../../dialects/dialect.ts';
import { GatewayError, toGatewayError } from '../../errors.ts';
import { newRequestId } from '../../gateway/request-id.ts';
import { RequestAudit, type RequestOutcome } from '../../gateway/request-audit.ts';
import { resolveModel } from '../../gateway/resolve-model.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import type { RateDecision } from '../../store/types.ts';
import { readBody } from '../read-body.ts';
import { parseJsonBody } from '../parse-json.ts';
import { errorBodyText, sendError, sendJson } from '../respond.ts';
import { writeSse } from '../write-stream.ts';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

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

      const rate = await admit(context, principal, audit);
      // From here the intent is on the record: a refusal (rate limit
      // included) is this request's outcome, not a second intent.
      intentCommitted = true;
      await enforceRateLimit(rate.decision);

      const route = {
        call,
        targets: model.targets,
        region: principal.region,
        callerHeaders: callerHeaders(request),
        signal: abort.signal,
      };
      outcome = call.stream
        ? await answerStream(
            context,
            route,
            call,
            response,
            audit,
            headers,
            codec.streamEncoder(call),
          )
        : await answerComplete(context, route, call, response, audit, headers);
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
      outcome = intentCommitted ? outcomeOfFailure(error) : 'rejected';
      if (!intentCommitted) {
        // A request refused before admission is still on the record: intent
        // and outcome go into the same group commit, before the answer. An
        // error body is deterministic, so it is recorded before it is sent
        // and the outcome carries its digest and size like any other.
        audit.recordResponseBody(errorBodyText(dialect, error));
        await settleRejection(context, audit, outcome);
      }
      if (!response.headersSent && !response.destroyed) {
        const sent = sendError(response, dialect, error, headers);
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

async function answerComplete(
  context: GatewayContext,
  route: Parameters<GatewayContext['router']['complete']>[0],
  call: ChatCall,
  response: ServerResponse,
  audit: RequestAudit,
  headers: Record<string, string>,
): Promise<RequestOutcome> {
  const routed = await context.router.complete(route);
  audit.attempts = routed.attempts;
  switch (routed.kind) {
    case 'client-aborted':
      audit.status = 499;
      return 'client_aborted';
    case 'failed':
      throw routed.error;
    case 'ok': {
      audit.target = routed.target.id;
      audit.upstreamMs = routed.upstreamMs;
      audit.usage = routed.result.usage;
      audit.status = 200;
      const body = DIALECTS[call.dialect].encodeResponse(routed.result, call);
      audit.recordResponseBody(
        sendJson(response, 200, body, { ...headers, 'x-ringfence-target': routed.target.id }),
      );
      return 'complete';
    }
  }
}

async function answerStream(
  context: GatewayContext,
  route: Parameters<GatewayContext['router']['stream']>[0],
  _call: ChatCall,
  response: ServerResponse,
  audit: RequestAudit,
  headers: Record<string, string>,
  encoder: StreamEncoder,
): Promise<RequestOutcome> {
  const routingStarted = performance.now();
  const routed = await context.router.stream(route);
  audit.attempts = routed.attempts;
  switch (routed.kind) {
    case 'client-aborted':
      audit.status = 499;
      return 'client_aborted';
    case 'failed':
      throw routed.error;
    case 'ok':
      break;
  }
  audit.target = routed.target.id;
  audit.status = 200;
  audit.ttfbMs = performance.now() - audit.startedAt;
  response.writeHead(200, { ...SSE_HEADERS, ...headers, 'x-ringfence-target': routed.target.id });
  const usage = new UsageTracker();
  const emit = async (part: ChatStreamPart): Promise<void> => {
    usage.observe(part);
    const text = encoder.encode(part);
    if (text === '') return;
    audit.recordResponseChunk(text);
    await writeSse(response, text);
  };
  try {
    await emit(routed.first);
    for (;;) {
      const next = await routed.rest.next();
      if (next.done === true) break;
      await emit(next.value);
      if (response.destroyed) break;
    }
  } catch (thrown) {
    audit.upstreamMs = performance.now() - routingStarted;
    audit.usage = usage.total();
    if (route.signal.aborted || response.destroyed) return 'client_aborted';
    const error = toGatewayError(thrown);
    audit.errorCode = error.code;
    const text = encoder.fail(error);
    audit.recordResponseChunk(text);
    response.end(text);
    return 'truncated';
  } finally {
    await routed.rest.return?.();
  }
  audit.upstreamMs = performance.now() - routingStarted;
  audit.usage = usage.total();
  if (response.destroyed || route.signal.aborted) return 'client_aborted';
  if (!usage.finished) {
    // The provider must throw on a stream without its terminal event; this
    // guards the invariant rather than trusting it.
    const error = new GatewayError('upstream_truncated', 'The upstream stream ended early.');
    audit.errorCode = error.code;
    response.end(encoder.fail(error));
    return 'truncated';
  }
  response.end();
  return 'complete';
}

class UsageTracker {
  #start: Usage | undefined;
  #finish: Usage | undefined;
  finished = false;

  observe(part: ChatStreamPart): void {
    if (part.type === 'start' && part.usage !== undefined) this.#start = part.usage;
    else if (part.type === 'finish') {
      this.#finish = part.usage;
      this.finished = true;
    }
  }

  total(): Usage | undefined {
    if (this.#finish === undefined) return this.#start;
    if (this.#start === undefined || this.#finish.inputTokens > 0) return this.#finish;
    return { ...this.#finish, inputTokens: this.#start.inputTokens };
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
  context.store.audit.append(audit.outcomeRecord(outcome, performance.now())).catch(() => {
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
      return 'rejected';
    default:
      return 'upstream_error';
  }
}

/** The caller headers backends may read; nothing else is passed on. */
function callerHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const script = request.headers['x-ringfence-sim-response'];
  return { 'x-ringfence-sim-response': typeof script === 'string' ? script : undefined };
}
