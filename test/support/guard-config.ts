/**
 * Guard configurations for end-to-end tests that are not about guards.
 */
import { SHIPPED_GUARD_PROFILES } from '../../src/config/guard-profiles.ts';
import type { ConfigInput } from '../../src/config/schema.ts';

/**
 * The shipped default profile without output detectors, for tests of raw
 * stream semantics (chunking, parts sent before a fault): the stream guard
 * holds back a window of text (docs/guards.md), so with output guards a
 * short answer arrives as one chunk and text before a cut is not released.
 * Request guards stay as shipped.
 */
export const WITHOUT_OUTPUT_GUARDS: ConfigInput['guards'] = {
  profiles: { default: { ...SHIPPED_GUARD_PROFILES['default'], output: {} } },
};

/**
 * The shipped default profile without the injection detector on input, for
 * tests that send deliberately odd but harmless text (bracket runs for the
 * JSON depth limit) that the injection model may score as an attack.
 */
export const WITHOUT_INPUT_INJECTION_GUARD: ConfigInput['guards'] = {
  profiles: {
    default: {
      ...SHIPPED_GUARD_PROFILES['default'],
      input: Object.fromEntries(
        Object.entries(SHIPPED_GUARD_PROFILES['default']?.input ?? {}).filter(
          ([detector]) => detector !== 'injection',
        ),
      ),
    },
  },
};
