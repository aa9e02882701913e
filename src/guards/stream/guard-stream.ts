/**
 * The streaming output guard: a pure transformer over a canonical answer
 * stream that runs the output detectors incrementally, so a streamed answer
 * is held to the same policy as a complete one.
 *
 * - Text is released through a {@link WindowGuard}: the last `holdBackChars`
 *   stay unreleased, so a secret split across chunks is still whole when it
 *   is inspected; a PEM private-key block is held until its END marker.
 * - Each tool call's arguments are held whole until the call is complete
 *   (the next part that is not one of its deltas, or the end), inspected as
 *   one subject and released as one `tool-call-delta` right after its
 *   `tool-call-start`, with JSON-aware redaction ({@link redactJsonText}).
 * - A `block` decision ends the stream by throwing GatewayError
 *   `guard_blocked`; nothing held is released after it. An inspection that
 *   throws ends it with `guard_failed` (fail closed).
 * - Parts keep their order; `start` and `finish` pass through unchanged
 *   (held text and arguments are flushed before `finish`, and text before
 *   any `tool-call-start`). Text deltas may be coalesced differently.
 *
 * The released text equals `applyRedactions(whole text, findings)` however
 * the stream is chunked, provided every detector is local: a match is at
 * most `holdBackChars` long (a prefix of a fixed-format secret is not yet a
 * match, so a longer one could be released in part), and it is found the
 * same in any window holding `contextChars` of text before it and
 * `holdBackChars` after it. PEM private-key blocks are exempt from the length
 * limit up to `maxHeldChars`. The price is latency: the first text reaches
 * the client once more than `holdBackChars` characters have
 * arrived (or at the end of a shorter answer).
 */
import type { ChatStreamPart } from '../../chat/types.ts';
import { isGatewayError } from '../../errors.ts';
import { applyRedactions } from '../redact.ts';
import type { DecidedFinding, Inspect } from '../types.ts';
import { guardFailedError } from './guard-errors.ts';
import { redactJsonText } from './json-redaction.ts';
import { WindowGuard, type WindowGuardConfig } from './window-guard.ts';

export interface StreamGuardOptions {
  /** Runs the output detectors on a subject and assigns actions (surface `output`). */
  readonly inspect: Inspect;
  /** Passed in every subject: configured canaries and the request's own. */
  readonly canaries: readonly string[];
  /**
   * Text kept unreleased behind the newest character; a match up to this
   * long is never split by a release. Default 256.
   */
  readonly holdBackChars?: number;
  /**
   * Already-released text shown to detectors before the held text, for
   * rules that need preceding evidence (a keyword before a number). Default 256.
   */
  readonly contextChars?: number;
  /** New text between two inspections of a growing answer. Default 64. */
  readonly inspectEveryChars?: number;
  /**
   * Hard cap on text held at once (answer text, and each tool call's
   * arguments): bounds memory and the size of every inspected subject.
   * At least `holdBackChars + 2 × inspectEveryChars`. Default 16384.
   */
  readonly maxHeldChars?: number;
  /**
   * Receives each newly settled finding once (per location, detector, rule
   * and absolute start), including the one that blocks, before the block.
   * Spans are offsets in the whole original text at the finding's location
   * (the answer text, or one call's arguments), not in the inspected window.
   * A GatewayError thrown here ends the stream as it is; anything else ends
   * it with `guard_failed`.
   */
  readonly onDecided?: (decided: readonly DecidedFinding[]) => void;
}

export const STREAM_GUARD_DEFAULTS = Object.freeze({
  holdBackChars: 256,
  contextChars: 256,
  inspectEveryChars: 64,
  maxHeldChars: 16_384,
});

/** The answer text's subject location. */
export const OUTPUT_TEXT_LOCATION = 'output.text';

/** A tool call's arguments' subject location. */
export function toolArgumentsLocation(index: number): string {
  return `output.tool_calls[${index}].arguments`;
}

interface Limits {
  readonly holdBackChars: number;
  readonly contextChars: number;
  readonly inspectEveryChars: number;
  readonly maxHeldChars: number;
}

function resolveLimits(options: StreamGuardOptions): Limits {
  const limits = {
    holdBackChars: options.holdBackChars ?? STREAM_GUARD_DEFAULTS.holdBackChars,
    contextChars: options.contextChars ?? STREAM_GUARD_DEFAULTS.contextChars,
    inspectEveryChars: options.inspectEveryChars ?? STREAM_GUARD_DEFAULTS.inspectEveryChars,
    maxHeldChars: options.maxHeldChars ?? STREAM_GUARD_DEFAULTS.maxHeldChars,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`guardStream: ${name} must be a non-negative integer.`);
    }
  }
  if (limits.inspectEveryChars < 1) {
    throw new RangeError('guardStream: inspectEveryChars must be at least 1.');
  }
  // Room for a full window plus two steps, so a release at the cap always
  // frees space and the cap is not hit on every character.
  if (limits.maxHeldChars < limits.holdBackChars + 2 * limits.inspectEveryChars) {
    throw new RangeError(
      'guardStream: maxHeldChars must be at least holdBackChars + 2 × inspectEveryChars.',
    );
  }
  return limits;
}

/** One tool call whose arguments are being held. */
interface OpenCall {
  readonly index: number;
  /** The start part, until it has been emitted. */
  start: (ChatStreamPart & { type: 'tool-call-start' }) | undefined;
  readonly guard: WindowGuard;
}

/**
 * Guards a canonical answer stream (see the module comment). Window sizes
 * are checked at once (RangeError), before any part is read. The returned
 * iterable is single-use and pulls `parts` only as it is pulled itself;
 * returning from it early (or a throw inside it) closes `parts`.
 */
export function guardStream(
  parts: AsyncIterable<ChatStreamPart>,
  options: StreamGuardOptions,
): AsyncGenerator<ChatStreamPart, void, undefined> {
  return run(parts, options, resolveLimits(options));
}

async function* run(
  parts: AsyncIterable<ChatStreamPart>,
  options: StreamGuardOptions,
  limits: Limits,
): AsyncGenerator<ChatStreamPart, void, undefined> {
  const onNew = (decided: readonly DecidedFinding[]): void => {
    if (options.onDecided === undefined) return;
    try {
      options.onDecided(decided);
    } catch (error) {
      throw isGatewayError(error) ? error : guardFailedError(error);
    }
  };
  const shared = { inspect: options.inspect, canaries: options.canaries, onNew, ...limits };
  const textConfig: WindowGuardConfig = {
    ...shared,
    location: OUTPUT_TEXT_LOCATION,
    eager: true,
    redact: (segment, decided) => applyRedactions(segment, decided),
  };
  const text = new WindowGuard(textConfig);
  const openCall = (
    index: number,
    start: (ChatStreamPart & { type: 'tool-call-start' }) | undefined,
  ): OpenCall => ({
    index,
    start,
    guard: new WindowGuard({
      ...shared,
      location: toolArgumentsLocation(index),
      eager: false,
      redact: (segment, decided, whole) =>
        whole ? redactJsonText(segment, decided) : applyRedactions(segment, decided),
    }),
  });
  /** Released arguments, preceded by the call's start the first time anything is released. */
  function* releaseArguments(call: OpenCall, released: string): Generator<ChatStreamPart> {
    if (call.start !== undefined) {
      yield call.start;
      call.start = undefined;
    }
    if (released !== '')
      yield { type: 'tool-call-delta', index: call.index, argumentsDelta: released };
  }
  function* flushText(): Generator<ChatStreamPart> {
    const released = text.flush();
    if (released !== '') yield { type: 'text-delta', text: released };
  }

  let call: OpenCall | undefined;
  function* closeCall(): Generator<ChatStreamPart> {
    if (call === undefined) return;
    const closing = call;
    call = undefined;
    yield* releaseArguments(closing, closing.guard.flush());
  }

  for await (const part of parts) {
    switch (part.type) {
      case 'start':
        yield part;
        break;
      case 'text-delta': {
        yield* closeCall();
        const released = text.append(part.text);
        if (released !== '') yield { type: 'text-delta', text: released };
        break;
      }
      case 'tool-call-start':
        yield* flushText();
        yield* closeCall();
        call = openCall(part.index, part);
        break;
      case 'tool-call-delta': {
        if (call?.index !== part.index) {
          // A delta for a call that is no longer open (a provider that
          // interleaves calls): guarded on its own, since the released
          // part of its call cannot be taken back. Its start was emitted.
          yield* flushText();
          yield* closeCall();
          call = openCall(part.index, undefined);
        }
        yield* releaseArguments(call, call.guard.append(part.argumentsDelta));
        break;
      }
      case 'finish':
        yield* flushText();
        yield* closeCall();
        yield part;
        break;
    }
  }
  // A source that ends without `finish` still gets its held text inspected
  // and released; a source that throws releases nothing more.
  yield* flushText();
  yield* closeCall();
}
