/**
 * Method + path → route. A handful of fixed paths, so a lookup table beats
 * a router library; the query string is ignored for matching.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors.ts';
import { dialectOf } from './dialect-of.ts';
import { sendError } from './respond.ts';

export type Route = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface Routes {
  readonly chatCompletions: Route;
  readonly messages: Route;
  readonly models: Route;
  readonly admin: Route;
  readonly health: Route;
  readonly ready: Route;
  readonly metrics: Route;
}

interface Endpoint {
  readonly method: string;
  readonly route: Route;
}

export function createDispatcher(
  routes: Routes,
  onUnhandled: (error: unknown) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  const table = new Map<string, Endpoint>([
    ['/v1/chat/completions', { method: 'POST', route: routes.chatCompletions }],
    ['/chat/completions', { method: 'POST', route: routes.chatCompletions }],
    ['/v1/messages', { method: 'POST', route: routes.messages }],
    ['/v1/models', { method: 'GET', route: routes.models }],
    ['/models', { method: 'GET', route: routes.models }],
    ['/healthz', { method: 'GET', route: routes.health }],
    ['/readyz', { method: 'GET', route: routes.ready }],
    ['/metrics', { method: 'GET', route: routes.metrics }],
  ]);
  return (request, response) => {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const method = request.method ?? 'GET';
    // `/v1/messages` is the Anthropic API whatever the headers say (docs/errors.md),
    // so its 405 is in Anthropic's shape even from a client that sent no
    // `anthropic-version`; elsewhere the header decides.
    const dialect = path === '/v1/messages' ? 'anthropic' : dialectOf(request.headers);
    const fixed = table.get(path);
    const endpoint: Endpoint | undefined =
      fixed ?? (path.startsWith('/admin/v1/') ? { method, route: routes.admin } : undefined);
    if (endpoint === undefined) {
      sendError(response, dialect, new GatewayError('not_found', 'No such endpoint.'));
      request.resume();
      return;
    }
    const { method: allowed, route } = endpoint;
    if (method !== allowed && !(method === 'HEAD' && allowed === 'GET')) {
      sendError(
        response,
        dialect,
        new GatewayError('method_not_allowed', `Use ${allowed} for this endpoint.`),
        { allow: allowed },
      );
      request.resume();
      return;
    }
    // Routes answer their own errors; anything escaping is a bug, answered
    // with a bare internal error so the client is never left hanging.
    const fail = (error: unknown): void => {
      onUnhandled(error);
      if (!response.headersSent) {
        sendError(response, dialect, toGatewayError(new Error('unhandled')));
      } else {
        response.destroy();
      }
    };
    try {
      const result = route(request, response);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
