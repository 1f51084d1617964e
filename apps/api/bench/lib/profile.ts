import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Sampled time not spent idle; the percentages below are shares of it. */
  busyMs: number;
  functions: { name: string; where: string; selfMs: number; pct: number }[];
  modules: { module: string; selfMs: number; pct: number }[];
}

/** Which package or source file a frame belongs to, for the by-module view. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? url);
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url;
}

/** Self time per function and per module of a V8 .cpuprofile (node --cpu-prof). */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next sample.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + ms);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const fn = new Map<string, { name: string; where: string; selfMs: number }>();
  const mod = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : `${moduleOf(url, functionName)}:${lineNumber + 1}`;
    const name = functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = fn.get(key) ?? { name, where, selfMs: 0 };
    entry.selfMs += ms;
    fn.set(key, entry);
    const m = moduleOf(url, functionName);
    mod.set(m, (mod.get(m) ?? 0) + ms);
  }
  const busyMs = [...mod.entries()].filter(([m]) => m !== '(idle)').reduce((a, [, v]) => a + v, 0);
  const pct = (ms: number) => (busyMs > 0 ? (100 * ms) / busyMs : 0);
  return {
    file,
    totalMs,
    busyMs,
    functions: [...fn.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, pct: pct(f.selfMs) })),
    modules: [...mod.entries()]
      .filter(([m]) => m !== '(idle)')
      .map(([module, selfMs]) => ({ module, selfMs, pct: pct(selfMs) }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [
    `CPU profile ${s.file}: ${(s.totalMs / 1000).toFixed(1)} s, ${(s.busyMs / 1000).toFixed(1)} s busy`,
    '  self time by module (% of busy time):',
  ];
  for (const m of s.modules) {
    lines.push(`    ${m.pct.toFixed(1).padStart(5)} %  ${m.module}`);
  }
  lines.push('  self time by function (% of busy time):');
  for (const f of s.functions) {
    lines.push(`    ${f.pct.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  console.log(formatProfile(summariseProfile(process.argv[2], Number(process.argv[3] ?? 25))));
}
