/**
 * What one attempt does, for each kind of request: the router's loop is the
 * same for complete and streamed answers, only the attempt differs.
 */
import type { ModelBackend, Target } from '../providers/types.ts';
import type { AttemptScope } from './attempt-scope.ts';
import type { StreamStart } from './stream-handover.ts';
import { startFirstPart } from './stream-handover.ts';
import type { CompleteSuccess, RouteRequest } from './types.ts';

/** Runs one attempt; resolves with its value or rejects with what failed. */
export type AttemptRun<Value> = (
  backend: ModelBackend,
  target: Target,
  scope: AttemptScope,
  callerHeaders: RouteRequest['callerHeaders'],
) => Promise<Value>;

export function runComplete(request: RouteRequest): AttemptRun<CompleteSuccess['result']> {
  return (backend, target, scope, callerHeaders) =>
    backend.complete(request.call, target, { signal: scope.signal, callerHeaders });
}

export function runStream(request: RouteRequest): AttemptRun<StreamStart> {
  return (backend, target, scope, callerHeaders) =>
    startFirstPart(backend.stream(request.call, target, { signal: scope.signal, callerHeaders }));
}

/** For `AttemptScope.guard`: a complete answer that arrives after its attempt was abandoned holds nothing to release. */
export function ignoreLate(): void {
  // Nothing to release.
}
