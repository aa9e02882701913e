/** Size limits every inbound dialect parser enforces (all inputs are bounded). */
export interface RequestLimits {
  readonly maxMessages: number;
  readonly maxTools: number;
  /** Longest single string field (message text, tool arguments) in UTF-16 code units. */
  readonly maxStringLength: number;
  /** Most content parts in one message. */
  readonly maxPartsPerMessage: number;
  readonly maxStopSequences: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxMessages: 2_000,
  maxTools: 256,
  maxStringLength: 4 * 1024 * 1024,
  maxPartsPerMessage: 1_000,
  maxStopSequences: 16,
});
