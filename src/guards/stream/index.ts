export {
  guardStream,
  OUTPUT_TEXT_LOCATION,
  STREAM_GUARD_DEFAULTS,
  toolArgumentsLocation,
  type StreamGuardOptions,
} from './guard-stream.ts';
export { guardBlockedError, guardFailedError } from './guard-errors.ts';
export { redactJsonText } from './json-redaction.ts';
