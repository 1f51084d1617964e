/**
 * A tiny Dockerfile reader for the packaging test (no Docker engine on these machines): enough to
 * see stages, instructions and their arguments. Handles comments, parser directives and `\`
 * line continuations; JSON ("exec form") arguments are decoded.
 */
export interface Instruction {
  keyword: string;
  args: string;
  /** The arguments as JSON, when written in exec form (`["node", "x.js"]`). */
  exec?: string[];
  line: number;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

function parseExec(text: string): string[] | undefined {
  if (!text.trim().startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseDockerfile(source: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = source.split('\n');
  let pending = '';
  let startLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    if (pending === '' && (trimmed === '' || trimmed.startsWith('#'))) continue;
    // Comment lines inside a continued instruction are dropped, as Docker does.
    if (pending !== '' && trimmed.startsWith('#')) continue;
    if (pending === '') startLine = i + 1;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const full = (pending + trimmed).trim();
    pending = '';
    const match = /^([A-Za-z]+)\s*(.*)$/s.exec(full);
    if (!match) throw new Error(`line ${startLine}: cannot parse "${full}"`);
    const keyword = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').trim();
    const exec = parseExec(args);
    out.push({ keyword, args, line: startLine, ...(exec ? { exec } : {}) });
  }
  if (pending !== '') throw new Error('the Dockerfile ends inside a line continuation');
  return out;
}

export function stages(instructions: Instruction[]): Stage[] {
  const out: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const [image = '', as, name] = ins.args.split(/\s+/);
      out.push({
        from: image,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
      continue;
    }
    const current = out.at(-1);
    if (!current) throw new Error(`line ${ins.line}: ${ins.keyword} before any FROM`);
    current.instructions.push(ins);
  }
  return out;
}

/** COPY/ADD arguments without flags: sources then the destination. */
export function copyArgs(ins: Instruction): { flags: string[]; sources: string[]; dest: string } {
  const parts = ins.exec ?? ins.args.split(/\s+/);
  const flags = parts.filter((p) => p.startsWith('--'));
  const paths = parts.filter((p) => !p.startsWith('--'));
  return { flags, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
}

/** `KEY=value` pairs of an ENV instruction (the legacy `ENV KEY value` form too). */
export function envPairs(ins: Instruction): Record<string, string> {
  const out: Record<string, string> = {};
  if (!ins.args.includes('=')) {
    const [key = '', ...rest] = ins.args.split(/\s+/);
    out[key] = rest.join(' ');
    return out;
  }
  for (const pair of ins.args.match(/(\S+?)=("[^"]*"|\S*)/g) ?? []) {
    const at = pair.indexOf('=');
    out[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** True when a .dockerignore pattern list leaves `path` out of the build context. */
export function isIgnored(path: string, patterns: string[]): boolean {
  const toRegex = (glob: string) =>
    new RegExp(
      `^${glob
        .replace(/^\/+|\/+$/g, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        // `**/x` matches x at any depth, the top level included.
        .replace(/\*\*\//g, '%GLOBDIR%')
        .replace(/\*\*/g, '%GLOBSTAR%')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace(/%GLOBDIR%/g, '(?:.*/)?')
        .replace(/%GLOBSTAR%/g, '.*')}$`,
    );
  const clean = path.replace(/^\.\//, '').replace(/\/+$/, '');
  const prefixes = clean.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    const negate = pattern.startsWith('!');
    const re = toRegex(negate ? pattern.slice(1) : pattern);
    if (prefixes.some((p) => re.test(p))) ignored = !negate;
  }
  return ignored;
}
