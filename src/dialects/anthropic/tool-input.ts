/**
 * Tool-call arguments are JSON text canonically (OpenAI's shape, and what a
 * model actually streams), but an object (`input`) in Anthropic's `tool_use`
 * blocks. A model behind an OpenAI-compatible provider can emit text that is
 * not a JSON object, so conversion never throws.
 */

/** JSON text → object, or `undefined` when the text is not a JSON object. */
export function parseToolArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * For answers sent to an Anthropic caller: arguments that are not a JSON
 * object are wrapped as `{ "_raw": "<text>" }` rather than replaced by `{}`,
 * so the caller's tool sees a schema mismatch (and the model can be told)
 * instead of running with silently emptied arguments.
 */
export function toolArgumentsToResponseInput(text: string): Record<string, unknown> {
  return parseToolArguments(text) ?? { _raw: text };
}

/**
 * For conversation history sent to an Anthropic upstream: an earlier call
 * whose arguments were not a JSON object is replayed as `{}`; the model only
 * sees it as context, and Anthropic rejects a non-object `input`.
 */
export function toolArgumentsToRequestInput(text: string): Record<string, unknown> {
  return parseToolArguments(text) ?? {};
}
