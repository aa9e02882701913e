/**
 * The gateway in front of one fake OpenAI and one fake Anthropic upstream,
 * with the aliases `gpt` and `claude`: the set-up of the SDK end-to-end tests.
 */
import { startFakeAnthropicUpstream } from './fake-anthropic-upstream.ts';
import { startFakeOpenAiUpstream } from './fake-openai-upstream.ts';
import type { FakeUpstream } from './fake-upstream-types.ts';
import { WITHOUT_OUTPUT_GUARDS } from './guard-config.ts';
import { startTestGateway, type TestGateway } from './test-gateway.ts';

export const UPSTREAM_OPENAI_KEY = 'sk-upstream-openai-secret';
export const UPSTREAM_ANTHROPIC_KEY = 'sk-ant-upstream-secret';

export interface TwoProviderGateway {
  readonly gateway: TestGateway;
  readonly openaiUpstream: FakeUpstream;
  readonly anthropicUpstream: FakeUpstream;
  /** Forgets both fakes' queued behaviours and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export async function startTwoProviderGateway(): Promise<TwoProviderGateway> {
  const openaiUpstream = await startFakeOpenAiUpstream();
  const anthropicUpstream = await startFakeAnthropicUpstream();
  const gateway = await startTestGateway(
    {
      providers: {
        upstream_openai: {
          kind: 'openai',
          baseUrl: openaiUpstream.baseUrl,
          apiKey: 'env:UPSTREAM_OPENAI_KEY',
        },
        upstream_anthropic: {
          kind: 'anthropic',
          baseUrl: anthropicUpstream.baseUrl,
          apiKey: 'env:UPSTREAM_ANTHROPIC_KEY',
        },
      },
      models: {
        gpt: { targets: [{ provider: 'upstream_openai', model: 'gpt-4o-2024-08-06' }] },
        claude: { targets: [{ provider: 'upstream_anthropic', model: 'claude-haiku-5-5' }] },
      },
      // These tests check streaming chunk by chunk; guards have their own (test/guards.test.ts).
      guards: WITHOUT_OUTPUT_GUARDS,
    },
    { UPSTREAM_OPENAI_KEY, UPSTREAM_ANTHROPIC_KEY },
  );
  return {
    gateway,
    openaiUpstream,
    anthropicUpstream,
    reset() {
      openaiUpstream.reset();
      anthropicUpstream.reset();
    },
    async close() {
      await gateway.close();
      await openaiUpstream.close();
      await anthropicUpstream.close();
    },
  };
}
