/**
 * Forks a compiled bench script as a child process (tracked, so it is stopped
 * on exit) and waits for the first IPC message it sends once it listens.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackChild } from './child-processes.ts';

const START_TIMEOUT_MS = 10_000;

/**
 * `script` is a file name next to this compiled module, e.g.
 * `upstream-process.js`; `isReady` checks the child's first message.
 */
export async function forkReady<Ready>(
  script: string,
  args: readonly string[],
  name: string,
  isReady: (message: unknown) => message is Ready,
): Promise<{ readonly child: ChildProcess; readonly ready: Ready }> {
  const child = fork(resolve(fileURLToPath(import.meta.url), '..', script), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  trackChild(child);
  const ready = await new Promise<Ready>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the ${name} did not start in time`));
    }, START_TIMEOUT_MS);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      if (isReady(message)) resolvePromise(message);
      else reject(new Error(`the ${name} sent an unexpected first message`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} exited (${String(code)})`));
    });
  });
  return { child, ready };
}

/** A `{ type: 'ready', … }` message with these string fields. */
export function readyWith<Field extends string>(
  fields: readonly Field[],
): (message: unknown) => message is { readonly type: 'ready' } & Readonly<Record<Field, string>> {
  return (message): message is { readonly type: 'ready' } & Readonly<Record<Field, string>> => {
    if (typeof message !== 'object' || message === null) return false;
    const record = message as Record<string, unknown>;
    return record.type === 'ready' && fields.every((field) => typeof record[field] === 'string');
  };
}
