/**
 * The OpenAI Chat Completions provider (`kind: openai`, also any
 * OpenAI-compatible server) and Azure OpenAI (`kind: azure-openai`), which
 * speaks the same wire format at a per-deployment URL with an `api-key`
 * header (Azure OpenAI REST reference, "Chat completions").
 */
import type { ProviderAdapter, Target, UpstreamRequest } from '../types.ts';
import { buildOpenAiBody } from './build-request.ts';
import { classifyOpenAiError } from './classify-error.ts';
import { parseOpenAiResponse } from './parse-response.ts';
import { parseOpenAiStream } from './parse-stream.ts';

/** The GA Azure OpenAI API version, used when the provider config names none. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export const openAiAdapter: ProviderAdapter = openAiCompatibleAdapter(
  'openai',
  (target, headers) => {
    const apiKey = target.provider.apiKey;
    if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey.reveal()}`;
    if (target.provider.organization !== undefined) {
      headers['openai-organization'] = target.provider.organization;
    }
    return { url: `${target.provider.baseUrl}/chat/completions`, includeModel: true };
  },
);

export const azureOpenAiAdapter: ProviderAdapter = openAiCompatibleAdapter(
  'azure-openai',
  (target, headers) => {
    const apiKey = target.provider.apiKey;
    if (apiKey !== undefined) headers['api-key'] = apiKey.reveal();
    const deployment = encodeURIComponent(target.model);
    const version = encodeURIComponent(target.provider.apiVersion ?? DEFAULT_AZURE_API_VERSION);
    return {
      url: `${target.provider.baseUrl}/openai/deployments/${deployment}/chat/completions?api-version=${version}`,
      // Azure takes the deployment from the URL and no `model` in the body.
      includeModel: false,
    };
  },
);

/** Where a request goes, after the endpoint has added its credential to `headers`. */
interface Endpoint {
  readonly url: string;
  readonly includeModel: boolean;
}

function openAiCompatibleAdapter(
  kind: 'openai' | 'azure-openai',
  endpoint: (target: Target, headers: Record<string, string>) => Endpoint,
): ProviderAdapter {
  return Object.freeze({
    kind,
    dialect: 'openai',
    buildRequest(call, target): UpstreamRequest {
      const headers = baseHeaders(target);
      const { url, includeModel } = endpoint(target, headers);
      return {
        url,
        headers,
        body: JSON.stringify(buildOpenAiBody(call, target, { includeModel })),
      };
    },
    parseResponse: parseOpenAiResponse,
    parseStream: parseOpenAiStream,
    classifyError: classifyOpenAiError,
  } satisfies ProviderAdapter);
}

/** Provider extra headers (names lower-cased so ours replace theirs), then the content type. */
function baseHeaders(target: Target): Record<string, string> {
  const headers: Record<string, string> = {};
  const extra = target.provider.headers;
  for (const name in extra) headers[name.toLowerCase()] = extra[name] as string;
  headers['content-type'] = 'application/json';
  return headers;
}
