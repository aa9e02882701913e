/**
 * `GET /v1/models`: the aliases the caller's key may use, in the caller's
 * dialect (OpenAI's model list, or Anthropic's when `anthropic-version` is sent).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../../auth/authenticate.ts';
import { toGatewayError } from '../../errors.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import { mayUse } from '../../gateway/resolve-model.ts';
import { dialectOf } from '../dialect-of.ts';
import { sendError, sendJson } from '../respond.ts';

/** Aliases have no creation date; a fixed one keeps responses stable. */
const CREATED_SECONDS = 1_700_000_000;

export function createModelsRoute(
  context: GatewayContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const dialect = dialectOf(request.headers);
    try {
      const principal = authenticate(request.headers, context.store.keys, context.openMode());
      const aliases = [...context.runtime().catalog.aliases.keys()]
        .filter((alias) => mayUse(principal, alias))
        .sort();
      if (dialect === 'anthropic') {
        sendJson(response, 200, {
          data: aliases.map((id) => ({
            type: 'model',
            id,
            display_name: id,
            created_at: new Date(CREATED_SECONDS * 1000).toISOString(),
          })),
          has_more: false,
          first_id: aliases[0] ?? null,
          last_id: aliases.at(-1) ?? null,
        });
      } else {
        sendJson(response, 200, {
          object: 'list',
          data: aliases.map((id) => ({
            id,
            object: 'model',
            created: CREATED_SECONDS,
            owned_by: 'ringfence',
          })),
        });
      }
    } catch (error) {
      sendError(response, dialect, toGatewayError(error));
    }
  };
}
