import type { ToolDefinition } from '../../../chat/types.ts';

export interface NamedTool {
  readonly tool: ToolDefinition;
  /** Index in the scanned text just after the tool's name. */
  readonly nameEnd: number;
}

/**
 * The request tool named earliest in `text.slice(start, end)`: by exact
 * name, ASCII case-insensitively, as a whole word (not touching a letter,
 * digit, `_` or `-`). When two names start at the same place the longer wins.
 */
export function findNamedTool(
  text: string,
  start: number,
  end: number,
  tools: readonly ToolDefinition[],
): NamedTool | undefined {
  const haystack = asciiLowerCase(text.slice(start, end));
  let best: { readonly tool: ToolDefinition; readonly at: number } | undefined;
  for (const tool of tools) {
    if (tool.name === '') continue;
    const at = firstWordOccurrence(haystack, asciiLowerCase(tool.name));
    if (at === undefined) continue;
    if (
      best === undefined ||
      at < best.at ||
      (at === best.at && tool.name.length > best.tool.name.length)
    ) {
      best = { tool, at };
    }
  }
  return best === undefined
    ? undefined
    : { tool: best.tool, nameEnd: start + best.at + best.tool.name.length };
}

function firstWordOccurrence(haystack: string, needle: string): number | undefined {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at === -1) return undefined;
    const before = haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length);
    if (!isNameCharacter(before) && !isNameCharacter(after)) return at;
    from = at + 1;
  }
}

const NAME_CHARACTER = /^[A-Za-z0-9_-]$/;

function isNameCharacter(character: string): boolean {
  return NAME_CHARACTER.test(character);
}

/** Lower-cases A–Z only, so indexes stay aligned with the original text. */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}
