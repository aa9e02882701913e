/**
 * The admin API (`/admin/v1/…`), behind the admin token. Designed to be the
 * backend of the CLI's remote mode and of the later web dashboard: JSON in,
 * JSON out, every change audited with who made it.
 *
 *   GET    /admin/v1/suspensions            list
 *   POST   /admin/v1/suspensions            {pattern, reason}
 *   DELETE /admin/v1/suspensions/{pattern}  resume
 *   GET    /admin/v1/keys                   list (never secrets or hashes)
 *   POST   /admin/v1/keys                   {name, models?, region?, rpm?, labels?, allowDirect?} → the key, once
 *   DELETE /admin/v1/keys/{id}              revoke
 *   GET    /admin/v1/audit?key&alias&outcome&type&since&until&limit
 *   GET    /admin/v1/audit/verify
 *   GET    /admin/v1/routing                aliases, targets, breaker and suspension state
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { checkAdminToken } from '../../auth/admin-token.ts';
import { GatewayError, toGatewayError } from '../../errors.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import { keyInputSchema, suspensionInputSchema, toNewKey } from '../../gateway/admin-inputs.ts';
import { routingOverview } from '../../gateway/routing-overview.ts';
import { parseJsonBody } from '../parse-json.ts';
import { readBody } from '../read-body.ts';
import { sendError, sendJson } from '../respond.ts';

const ADMIN_BODY_LIMIT = 64 * 1024;
const PREFIX = '/admin/v1/';

export function createAdminRoute(
  context: GatewayContext,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    try {
      checkAdminToken(request.headers, context.runtime().adminToken);
      const [pathname = '', search = ''] = (request.url ?? '').split('?', 2);
      const segments = pathname
        .slice(PREFIX.length)
        .split('/')
        .filter((segment, index, all) => segment !== '' || index < all.length - 1)
        .map(decodeSegment);
      const method = request.method ?? 'GET';
      const result = await dispatch(
        context,
        request,
        method,
        segments,
        new URLSearchParams(search),
      );
      sendJson(response, result.status, result.body);
    } catch (error) {
      sendError(response, 'openai', toGatewayError(error));
    }
  };
}

interface AdminResult {
  readonly status: number;
  readonly body: unknown;
}

async function dispatch(
  context: GatewayContext,
  request: IncomingMessage,
  method: string,
  segments: readonly string[],
  query: URLSearchParams,
): Promise<AdminResult> {
  const [resource, id, extra] = segments;
  const store = context.store;
  const actor = 'admin-api';
  if (resource === 'suspensions' && extra === undefined) {
    if (method === 'GET' && id === undefined) return ok({ data: store.suspensions.list() });
    if (method === 'POST' && id === undefined) {
      const input = parse(suspensionInputSchema, await readJson(request));
      const suspension = await store.suspensions.suspend(input.pattern, input.reason, actor);
      await store.audit.append({
        type: 'admin.suspension',
        data: { action: 'suspend', actor, pattern: input.pattern, reason: input.reason },
      });
      return { status: 201, body: suspension };
    }
    if (method === 'DELETE' && id !== undefined) {
      const resumed = await store.suspensions.resume(id);
      if (!resumed) throw new GatewayError('not_found', 'No admin suspension has that pattern.');
      await store.audit.append({
        type: 'admin.suspension',
        data: { action: 'resume', actor, pattern: id },
      });
      return ok({ resumed: id });
    }
  }
  if (resource === 'keys' && extra === undefined) {
    if (method === 'GET' && id === undefined) return ok({ data: store.keys.list() });
    if (method === 'POST' && id === undefined) {
      const input = parse(keyInputSchema, await readJson(request));
      const created = await store.keys.create(toNewKey(input));
      await store.audit.append({
        type: 'admin.key',
        keyId: created.record.id,
        data: { action: 'create', actor, name: created.record.name },
      });
      return { status: 201, body: { key: created.secret, record: created.record } };
    }
    if (method === 'DELETE' && id !== undefined) {
      if (!(await store.keys.revoke(id)))
        throw new GatewayError('not_found', 'No active key has that id.');
      await store.audit.append({ type: 'admin.key', keyId: id, data: { action: 'revoke', actor } });
      return ok({ revoked: id });
    }
  }
  if (resource === 'audit' && method === 'GET') {
    if (id === undefined) return ok({ data: store.audit.query(auditQuery(query)) });
    if (id === 'verify' && extra === undefined) return ok(store.audit.verify());
  }
  if (resource === 'routing' && method === 'GET' && id === undefined) {
    return ok(routingOverview(context));
  }
  throw new GatewayError('not_found', 'No such admin endpoint.');
}

function ok(body: unknown): AdminResult {
  return { status: 200, body };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  return parseJsonBody(await readBody(request, ADMIN_BODY_LIMIT), 16);
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    throw new GatewayError(
      'invalid_request',
      `Invalid ${where || 'body'}: ${issue?.message ?? 'invalid'}`,
      {
        ...(where === '' ? {} : { param: where }),
      },
    );
  }
  return result.data;
}

const auditQuerySchema = z.strictObject({
  key: z.string().max(64).optional(),
  alias: z.string().max(256).optional(),
  outcome: z.string().max(32).optional(),
  type: z.string().max(64).optional(),
  request: z.string().max(64).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

function auditQuery(
  query: URLSearchParams,
): Parameters<GatewayContext['store']['audit']['query']>[0] {
  const input = parse(auditQuerySchema, Object.fromEntries(query));
  return {
    ...(input.key === undefined ? {} : { keyId: input.key }),
    ...(input.alias === undefined ? {} : { alias: input.alias }),
    ...(input.outcome === undefined ? {} : { outcome: input.outcome }),
    ...(input.type === undefined ? {} : { type: input.type }),
    ...(input.request === undefined ? {} : { requestId: input.request }),
    ...(input.since === undefined ? {} : { since: input.since }),
    ...(input.until === undefined ? {} : { until: input.until }),
    newestFirst: true,
    limit: input.limit,
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GatewayError('invalid_request', 'The admin path is not valid percent-encoding.');
  }
}
