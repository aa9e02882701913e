/**
 * Temporary directories the benchmark created (gateway data, config), so an
 * interrupted run removes them too: Ctrl-C exits without running `finally`
 * blocks, so the SIGINT handler removes what is still registered.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const directories = new Set<string>();

export function trackDirectory(path: string): void {
  directories.add(path);
}

/** Removes one tracked directory (normal shutdown). */
export async function removeDirectory(path: string): Promise<void> {
  directories.delete(path);
  await rm(path, { recursive: true, force: true });
}

/** Removes every directory still tracked, synchronously (signal handlers). */
export function removeAllDirectoriesSync(): void {
  for (const path of directories) rmSync(path, { recursive: true, force: true });
  directories.clear();
}
