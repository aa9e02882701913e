/**
 * Answering a routed chat request: one JSON body, or a stream encoded part by
 * part in the caller's dialect. Once the first byte has gone to the client
 * nothing is retried: a later failure ends the stream with the dialect's
 * explicit error event (never a fake normal finish) and the outcome is
 * `truncated`.
 *
 * Guards (docs/guards.md): a complete answer is inspected before it is
 * encoded (redacted, or refused with `guard_blocked`); a stream passes
 * through the stream guard, which holds back a short window so a secret is
 * redacted before it is sent and a block ends the stream with the error
 * event (outcome `blocked`).
 */
import type { ServerResponse } from 'node:http';
import type { ChatCall, ChatStreamPart, Usage } from '../../chat/types.ts';
import { DIALECTS, type StreamEncoder } from '../../dialects/dialect.ts';
import { GatewayError, toGatewayError } from '../../errors.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import {
  flagHeaders,
  guardAnswer,
  streamGuardOptions,
  type RequestGuard,
} from '../../gateway/guard-step.ts';
import { guardStream } from '../../guards/stream/index.ts';
import type { RequestAudit, RequestOutcome } from '../../gateway/request-audit.ts';
import type { RouteOutcome } from '../../routing/types.ts';
import { sendJson } from '../respond.ts';
import { writeSse } from '../write-stream.ts';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

export async function answerComplete(
  context: GatewayContext,
  route: Parameters<GatewayContext['router']['complete']>[0],
  call: ChatCall,
  guard: RequestGuard | undefined,
  response: ServerResponse,
  audit: RequestAudit,
  headers: Record<string, string>,
): Promise<RequestOutcome> {
  const routed = await context.router.complete(route);
  if (routed.kind !== 'ok') return unserved(routed, audit);
  audit.attempts = routed.attempts;
  audit.target = routed.target.id;
  audit.upstreamMs = routed.upstreamMs;
  audit.usage = routed.result.usage;
  const result = guardAnswer(context, guard, routed.result);
  audit.status = 200;
  const body = DIALECTS[call.dialect].encodeResponse(result, call);
  audit.recordResponseBody(
    sendJson(response, 200, body, {
      ...headers,
      ...flagHeaders(guard?.report),
      'x-ringfence-target': routed.target.id,
    }),
  );
  return 'complete';
}

/** Routing ended without a target: the client left (499 on the record), or every target failed. */
function unserved(
  routed: Exclude<RouteOutcome<unknown>, { kind: 'ok' }>,
  audit: RequestAudit,
): RequestOutcome {
  audit.attempts = routed.attempts;
  if (routed.kind === 'failed') throw routed.error;
  audit.status = 499;
  return 'client_aborted';
}

export async function answerStream(
  context: GatewayContext,
  route: Parameters<GatewayContext['router']['stream']>[0],
  guard: RequestGuard | undefined,
  response: ServerResponse,
  audit: RequestAudit,
  headers: Record<string, string>,
  encoder: StreamEncoder,
): Promise<RequestOutcome> {
  const routingStarted = performance.now();
  const routed = await context.router.stream(route);
  if (routed.kind !== 'ok') return unserved(routed, audit);
  audit.attempts = routed.attempts;
  audit.target = routed.target.id;
  audit.status = 200;
  audit.ttfbMs = performance.now() - audit.startedAt;
  // Headers go out now, so they carry the request's flags; flags found in
  // the streamed answer are on the audit record only.
  response.writeHead(200, {
    ...SSE_HEADERS,
    ...headers,
    ...flagHeaders(guard?.report),
    'x-ringfence-target': routed.target.id,
  });
  const parts = guardedParts(context, guard, routed.first, routed.rest);
  const usage = new UsageTracker();
  const emit = async (part: ChatStreamPart): Promise<void> => {
    usage.observe(part);
    const text = encoder.encode(part);
    if (text === '') return;
    audit.recordResponseChunk(text);
    await writeSse(response, text);
  };
  try {
    for (;;) {
      const next = await parts.next();
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
    return error.code === 'guard_blocked' ? 'blocked' : 'truncated';
  } finally {
    await parts.return?.(undefined);
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

/** The routed parts in order, through the stream guard when guards are on. */
function guardedParts(
  context: GatewayContext,
  guard: RequestGuard | undefined,
  first: ChatStreamPart,
  rest: AsyncIterator<ChatStreamPart>,
): AsyncIterator<ChatStreamPart> {
  const routed = chain(first, rest);
  if (guard?.guardsOutput !== true) return routed;
  return guardStream(routed, streamGuardOptions(context, guard));
}

async function* chain(
  first: ChatStreamPart,
  rest: AsyncIterator<ChatStreamPart>,
): AsyncGenerator<ChatStreamPart> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
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
