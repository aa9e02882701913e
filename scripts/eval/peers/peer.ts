/**
 * One adapter per peer library, so a peer's API (or its failure) never
 * reaches the evaluation loop: each loads its package dynamically, checks
 * the shape it relies on at run time, and answers with a verdict.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PeerVerdict {
  /** A graded score (higher = more likely an attack); absent for yes/no peers. */
  readonly score?: number;
  /** The peer's own decision at its default operating point. */
  readonly flagged: boolean;
}

export interface PeerDetector {
  readonly name: string;
  readonly version: string;
  /** `score` peers get AUC and TPR at FPR; `boolean` peers only their fixed operating point. */
  readonly kind: 'score' | 'boolean';
  /** What was called, for the report, e.g. `vard.safe() (moderate preset)`. */
  readonly call: string;
  check(text: string): Promise<PeerVerdict>;
}

/** A peer that could not be loaded is reported as a row, not a crash. */
export type PeerLoad =
  | { readonly ok: true; readonly peer: PeerDetector }
  | { readonly ok: false; readonly name: string; readonly version: string; readonly error: string };

/** The installed version, read from the package's own package.json next to its entry point. */
export function installedVersion(packageName: string): string {
  try {
    let directory = path.dirname(fileURLToPath(import.meta.resolve(packageName)));
    for (;;) {
      try {
        const manifest: unknown = JSON.parse(
          readFileSync(path.join(directory, 'package.json'), 'utf8'),
        );
        if (isRecord(manifest) && manifest['name'] === packageName)
          return typeof manifest['version'] === 'string' ? manifest['version'] : 'unknown';
      } catch {
        // No package.json at this level: keep walking up.
      }
      const parent = path.dirname(directory);
      if (parent === directory) return 'unknown';
      directory = parent;
    }
  } catch {
    return 'not installed';
  }
}

/** Imports a package by name as an untyped value; the adapter checks what it needs. */
export async function importPackage(packageName: string): Promise<Record<string, unknown>> {
  const loaded: unknown = await import(packageName);
  if (!isRecord(loaded)) throw new Error(`${packageName} did not load as a module`);
  return loaded;
}

/** An object or a function (libraries hang presets and options off functions). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Loads a peer, turning any failure into a reportable row. */
export async function loadPeer(
  name: string,
  packageName: string,
  create: (version: string) => Promise<PeerDetector>,
): Promise<PeerLoad> {
  const version = installedVersion(packageName);
  try {
    return { ok: true, peer: await create(version) };
  } catch (error) {
    return {
      ok: false,
      name,
      version,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
