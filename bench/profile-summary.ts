/**
 * Summarises a V8 CPU profile (`node --cpu-prof` → `*.cpuprofile`): the
 * functions with the most self time, and the same time grouped by where the
 * code lives (the gateway's own folders, each dependency, Node internals), so
 * a reader sees where a request's CPU goes.
 *
 *   node dist/bench/profile-summary.js PROFILE.cpuprofile [--top 30]
 *
 * Self time of a node = its hit count × the mean sample interval
 * (the profile's duration ÷ its sample count). For the busiest functions it
 * also shows who called them: the nearest caller outside Node's own code,
 * so `writev` is attributed to the HTTP server or to undici.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '30' },
    callers: { type: 'string', default: '8' },
  },
});
const file = positionals[0];
if (file === undefined) throw new Error('usage: profile-summary PROFILE.cpuprofile [--top 30]');
const top = Number(values.top);
const callerCount = Number(values.callers);

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const microsecondsPerSample =
  (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
const hits = new Map<number, number>();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);

const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
let total = 0;
let idle = 0;
for (const node of profile.nodes) {
  const count = hits.get(node.id) ?? 0;
  if (count === 0) continue;
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') {
    idle += count;
    continue;
  }
  total += count;
  const name = nameOf(node);
  byFunction.set(name, (byFunction.get(name) ?? 0) + count);
  const area = areaOf(functionName, url);
  byArea.set(area, (byArea.get(area) ?? 0) + count);
}

function nameOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const location = url === '' ? '' : `${shortUrl(url)}:${lineNumber + 1}`;
  return `${functionName === '' ? '(anonymous)' : functionName}  ${location}`.trimEnd();
}

/** Where code lives: a gateway folder, a dependency, Node's own JS, or V8/native. */
function areaOf(functionName: string, url: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : `native: ${functionName}`;
  if (url.startsWith('node:internal/')) {
    return `node: internal/${url.slice(14).split('/')[0]?.replace(/\.js$/, '') ?? url}`;
  }
  if (url.startsWith('node:')) return `node: ${url.slice(5)}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1] !== undefined) return `dependency: ${dependency[1]}`;
  const own = /\/dist\/src\/(.+)\/[^/]+\.js$/.exec(url);
  if (own?.[1] !== undefined) return `ringfence: src/${own[1]}`;
  return shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/dist\//, '').replace(/^file:\/\/.*?\/node_modules\//, '');
}

function print(title: string, entries: Map<string, number>, limit: number): void {
  console.log(title);
  const sorted = [...entries].sort((left, right) => right[1] - left[1]).slice(0, limit);
  for (const [name, count] of sorted) {
    const milliseconds = (count * microsecondsPerSample) / 1000;
    const share = ((count / total) * 100).toFixed(1).padStart(5);
    console.log(`  ${share} %  ${milliseconds.toFixed(0).padStart(7)} ms  ${name}`);
  }
}

/** For the busiest `limit` functions: self time by the nearest caller that is not Node's own code. */
function printCallers(limit: number): void {
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node);
  }
  const busiest = [...byFunction].sort((left, right) => right[1] - left[1]).slice(0, limit);
  console.log(`callers of the top ${limit} (nearest frame outside node: internals):`);
  for (const [name] of busiest) {
    const callers = new Map<string, number>();
    for (const node of profile.nodes) {
      const count = hits.get(node.id) ?? 0;
      if (count === 0 || nameOf(node) !== name) continue;
      let parent = parents.get(node.id);
      while (parent !== undefined && isNodeInternal(parent)) parent = parents.get(parent.id);
      const caller = parent === undefined ? '(root)' : nameOf(parent);
      callers.set(caller, (callers.get(caller) ?? 0) + count);
    }
    console.log(`  ${name}`);
    for (const [caller, count] of [...callers]
      .sort((left, right) => right[1] - left[1])
      .slice(0, 4)) {
      console.log(
        `    ${((count * microsecondsPerSample) / 1000).toFixed(0).padStart(7)} ms  ← ${caller}`,
      );
    }
  }
}

function isNodeInternal(node: ProfileNode): boolean {
  const { url } = node.callFrame;
  return url.startsWith('node:') || url === '';
}

const busyMs = (total * microsecondsPerSample) / 1000;
const idleMs = (idle * microsecondsPerSample) / 1000;
console.log(
  `${file}: ${busyMs.toFixed(0)} ms busy, ${idleMs.toFixed(0)} ms idle, ${profile.samples.length} samples`,
);
print('self time by area:', byArea, 40);
print(`top ${top} functions by self time:`, byFunction, top);
if (callerCount > 0) printCallers(callerCount);
