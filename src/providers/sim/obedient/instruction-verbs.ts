/**
 * The imperative verbs that make a sentence an instruction to `sim/obedient`,
 * grouped by what they ask for. A sentence is an instruction when, after any
 * leading list marks, tags, labels and politeness (see `find-instruction.ts`),
 * its first word is one of these followed by whitespace.
 */
export const INSTRUCTION_VERBS: ReadonlySet<string> = new Set([
  // Overriding what came before
  'ignore',
  'disregard',
  'forget',
  'override',
  // Using tools
  'call',
  'use',
  'invoke',
  'run',
  'execute',
  // Acting on the world
  'send',
  'email',
  'forward',
  'transfer',
  'fetch',
  'post',
  'delete',
  'write',
  'upload',
  'download',
  'open',
  'visit',
  'read',
  'create',
  'update',
  'remove',
  'share',
  'pay',
  'grant',
  'submit',
  'search',
  'summarize',
  'exfiltrate',
  // Disclosing
  'reveal',
  'print',
  'show',
  'repeat',
  'output',
  'display',
  'tell',
  'leak',
  'dump',
  'disclose',
  // Speaking
  'say',
  'reply',
  'respond',
]);
