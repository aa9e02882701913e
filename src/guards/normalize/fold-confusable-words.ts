/**
 * Folds words written with Latin look-alikes to Latin, in place: every word
 * whose non-ASCII letters are all known look-alikes ("іgnоrе" with Cyrillic
 * і, о, е; "рау" all Cyrillic; "ᴘᴀss" in small capitals). Words with any
 * other non-ASCII letter (ordinary Russian or Greek) are left alone. One
 * character in, one out, so offsets are unchanged.
 */
import { isAsciiLetter, isLetter, isMark } from './char-info.ts';
import { confusableScript, confusableTarget } from './confusables.ts';
import type { MappedTextBuilder } from './mapped-text.ts';

/** What folding did. */
export interface ConfusableFold {
  /** Some word was folded. */
  readonly folded: boolean;
  /** Some folded word mixed ASCII letters with non-Latin look-alikes (`confusables-mixed-script`). */
  readonly mixedScript: boolean;
}

/** Letters and marks of the BMP (surrogate halves end a word: astral letters are rare after NFKC). */
function isWordUnit(code: number): boolean {
  if (code < 0x80) return isAsciiLetter(code);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return isLetter(code) || isMark(code);
}

/** Folds the look-alike words of the text in `builder` (see the module comment). */
export function foldConfusableWords(builder: MappedTextBuilder): ConfusableFold {
  let folded = false;
  let mixedScript = false;
  const length = builder.length;
  let index = 0;
  while (index < length) {
    if (!isWordUnit(builder.codeAt(index))) {
      index++;
      continue;
    }
    let end = index;
    let asciiLetters = 0;
    let lookalikes = 0;
    let foreignLookalikes = 0;
    let others = 0;
    for (; end < length; end++) {
      const unit = builder.codeAt(end);
      if (!isWordUnit(unit)) break;
      if (unit < 0x80) {
        asciiLetters++;
      } else if (confusableTarget(unit) !== 0) {
        lookalikes++;
        if (confusableScript(unit) !== 'latin') foreignLookalikes++;
      } else if (!isMark(unit)) {
        others++;
      }
    }
    if (lookalikes > 0 && others === 0) {
      for (let at = index; at < end; at++) {
        const target = confusableTarget(builder.codeAt(at));
        if (target !== 0) builder.setCodeAt(at, target);
      }
      folded = true;
      if (asciiLetters > 0 && foreignLookalikes > 0) mixedScript = true;
    }
    index = end;
  }
  return { folded, mixedScript };
}
