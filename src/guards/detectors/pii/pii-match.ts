/** One piece of personal data found by a PII scanner, in the scanned text's coordinates. */
export interface PiiMatch {
  readonly rule: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly reason: string;
}

/** Runs a global regex and keeps the matches `accept` returns a match for. */
export function collect(
  pattern: RegExp,
  text: string,
  accept: (match: RegExpExecArray) => PiiMatch | undefined,
): PiiMatch[] {
  const found: PiiMatch[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const accepted = accept(match);
    if (accepted !== undefined) found.push(accepted);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return found;
}

/** The digits of a string, separators dropped. */
export function digitsOf(value: string): string {
  let digits = '';
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += String.fromCharCode(code);
  }
  return digits;
}
