/** Small helpers for command output: tables for people, JSON for scripts. */
import type { Writable } from 'node:stream';

export interface CommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly environment: Readonly<Record<string, string | undefined>>;
}

export function printLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

export function printJson(stream: Writable, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain left-aligned table; cells are already strings. */
export function printTable(
  stream: Writable,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  printLine(stream, format(headers));
  for (const row of rows) printLine(stream, format(row));
}

/** Thrown by commands for a user error: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
