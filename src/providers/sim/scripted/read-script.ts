import type { ChatCall } from '../../../chat/types.ts';
import { GatewayError } from '../../../errors.ts';
import { invalidScript, MAX_SCRIPT_BYTES, parseScript } from './parse-script.ts';
import type { Script } from './script-schema.ts';

/**
 * The request header carrying a script. Its value is base64url (RFC 4648 §5)
 * of the script's UTF-8 JSON: raw JSON may hold characters a header value
 * cannot (RFC 9110 §5.5), and proxies mangle quotes and commas.
 */
export const SIM_RESPONSE_HEADER = 'x-ringfence-sim-response';
/** The request metadata key carrying a script as plain JSON text. */
export const SIM_RESPONSE_METADATA_KEY = 'sim_response';

const METADATA_PARAM = `metadata.${SIM_RESPONSE_METADATA_KEY}`;
const MAX_ENCODED_LENGTH = Math.ceil((MAX_SCRIPT_BYTES * 4) / 3) + 2;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** The script for this request: from the header when present, else from metadata. */
export function readScript(
  call: ChatCall,
  callerHeaders: Readonly<Record<string, string | undefined>>,
): Script {
  const header = callerHeaders[SIM_RESPONSE_HEADER]?.trim();
  if (header !== undefined && header !== '') {
    return parseScript(decodeHeader(header), SIM_RESPONSE_HEADER);
  }
  const metadata = call.metadata?.[SIM_RESPONSE_METADATA_KEY];
  if (metadata !== undefined && metadata !== '') return parseScript(metadata, METADATA_PARAM);
  throw new GatewayError(
    'invalid_request',
    `sim/scripted needs a response script: send its JSON base64url-encoded in the ` +
      `${SIM_RESPONSE_HEADER} header, or as JSON text in ${METADATA_PARAM} (see docs/sim-models.md).`,
    { param: SIM_RESPONSE_HEADER },
  );
}

function decodeHeader(value: string): string {
  if (value.length > MAX_ENCODED_LENGTH) {
    throw invalidScript('it is larger than 1 MiB', SIM_RESPONSE_HEADER);
  }
  // Buffer's decoder skips characters outside the alphabet; check first so garbage is an error.
  if (!BASE64URL.test(value)) {
    throw invalidScript('the header value is not base64url', SIM_RESPONSE_HEADER);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'base64url'));
  } catch {
    throw invalidScript('the decoded header is not UTF-8', SIM_RESPONSE_HEADER);
  }
}
