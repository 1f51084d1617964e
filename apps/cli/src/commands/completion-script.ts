import type { Command } from 'commander';
import type { Shell } from './completion.js';

/** One command of the tree as the completion scripts need it. */
export interface CompletionNode {
  /** Subcommand names from the root, e.g. ['git', 'install']; [] is the root. */
  path: string[];
  commands: { name: string; description: string }[];
  /** Every flag (long and short), the root's global options included. */
  options: { flags: string[]; description: string; takesValue: boolean }[];
}

/**
 * The command tree as commander knows it, so a command added anywhere completes without
 * editing the scripts. Hidden commands and options stay hidden; the root's options (--json,
 * --url, --no-color) are offered on every command, as commander accepts them everywhere.
 */
export function completionTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const optionsOf = (command: Command) =>
    command
      .createHelp()
      .visibleOptions(command)
      .map((option) => ({
        flags: [option.long, option.short].filter((flag): flag is string => flag !== undefined),
        description: option.description,
        takesValue: option.required || option.optional,
      }));
  const globals = optionsOf(program).filter((option) => !option.flags.includes('--version'));
  const walk = (command: Command, path: string[]) => {
    const own = optionsOf(command);
    const ownFlags = new Set(own.flatMap((option) => option.flags));
    const children = command.createHelp().visibleCommands(command);
    nodes.push({
      path,
      commands: children.flatMap((child) =>
        [child.name(), ...child.aliases()].map((name) => ({
          name,
          description: child.description(),
        })),
      ),
      options:
        path.length === 0
          ? own
          : [...own, ...globals.filter((option) => !option.flags.some((f) => ownFlags.has(f)))],
    });
    for (const child of children) walk(child, [...path, child.name()]);
  };
  walk(program, []);
  return nodes;
}

export function completionScript(shell: Shell, program: Command): string {
  const tree = completionTree(program);
  const name = program.name();
  switch (shell) {
    case 'bash':
      return bashScript(name, tree);
    case 'zsh':
      return zshScript(name, tree);
    case 'fish':
      return fishScript(name, tree);
  }
}

const fn = (name: string) => `_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
/** A single-quoted shell word ('it'\''s'), the same in bash, zsh and fish. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const key = (node: CompletionNode) => quote(node.path.join(' '));
const valued = (node: CompletionNode) =>
  node.options.filter((option) => option.takesValue).flatMap((option) => option.flags);
/** Descriptions as one short line: the first sentence, no newlines. */
const short = (text: string) => text.split('\n')[0]?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * bash: `_devtrackr_spec PATH` sets the three word lists of one command; `_devtrackr` walks
 * the words typed so far (skipping options and the values of options that take one) to the
 * deepest command named, then offers its options after "-" and its subcommands otherwise.
 */
function bashScript(name: string, tree: CompletionNode[]): string {
  const f = fn(name);
  const cases = tree
    .map((node) =>
      [
        `    ${key(node)})`,
        `      cmds=${quote(node.commands.map((c) => c.name).join(' '))}`,
        `      opts=${quote(node.options.flatMap((o) => o.flags).join(' '))}`,
        `      valued=${quote(valued(node).join(' '))}`,
        '      ;;',
      ].join('\n'),
    )
    .join('\n');
  return `# ${name} bash completion, generated from the command tree by \`${name} completion bash\`.
# Load it with: eval "$(${name} completion bash)"
${f}_spec() {
  cmds='' opts='' valued=''
  case "$1" in
${cases}
  esac
}

${f}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath='' word i skip=0 cmds opts valued
  ${f}_spec ''
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ "$word" == -* ]]; then
      [[ "$word" != *=* && " $valued " == *" $word "* ]] && skip=1
      continue
    fi
    if [[ " $cmds " == *" $word "* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$word"
      ${f}_spec "$cmdpath"
    fi
  done
  COMPREPLY=()
  ((skip)) && return 0
  if [[ "$cur" == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$cmds" -- "$cur")
  fi
  return 0
}

complete -F ${f} ${name}
`;
}

/** zsh: the same walk, with descriptions through _describe. */
function zshScript(name: string, tree: CompletionNode[]): string {
  const f = fn(name);
  // _describe splits "name:description" at the first unescaped colon.
  const item = (word: string, description: string) =>
    quote(`${word.replace(/:/g, '\\:')}:${short(description)}`);
  const cases = tree
    .map((node) =>
      [
        `    ${key(node)})`,
        `      cmds=(${node.commands.map((c) => item(c.name, c.description)).join(' ')})`,
        `      opts=(${node.options.flatMap((o) => o.flags.map((flag) => item(flag, o.description))).join(' ')})`,
        `      valued=(${valued(node).map(quote).join(' ')})`,
        '      ;;',
      ].join('\n'),
    )
    .join('\n');
  return `#compdef ${name}
# ${name} zsh completion, generated from the command tree by \`${name} completion zsh\`.
# Save it as _${name} in a directory of $fpath, or load it with: source <(${name} completion zsh)
${f}_spec() {
  cmds=() opts=() valued=()
  case "$1" in
${cases}
  esac
}

${f}() {
  local cmdpath='' word skip=0 i
  local -a cmds opts valued names
  ${f}_spec ''
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ "$word" == -* ]]; then
      [[ "$word" != *=* && \${valued[(Ie)$word]} -gt 0 ]] && skip=1
      continue
    fi
    names=(\${cmds%%:*})
    if ((\${names[(Ie)$word]})); then
      cmdpath="\${cmdpath:+$cmdpath }$word"
      ${f}_spec "$cmdpath"
    fi
  done
  ((skip)) && return 1
  if [[ "\${words[CURRENT]}" == -* ]]; then
    _describe -t options 'option' opts
  else
    _describe -t commands 'command' cmds
  fi
}

if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  ${f} "$@"
else
  compdef ${f} ${name}
fi
`;
}

/**
 * fish: \`__devtrackr_path\` walks the command line like the bash script; every subcommand and
 * option is one \`complete\` line conditioned on that path.
 */
function fishScript(name: string, tree: CompletionNode[]): string {
  const f = `_${fn(name)}`;
  const lines: string[] = [
    `# ${name} fish completion, generated from the command tree by \`${name} completion fish\`.`,
    `# Save it as ~/.config/fish/completions/${name}.fish`,
    `function ${f}_commands`,
    '    switch "$argv[1]"',
  ];
  for (const node of tree) {
    if (node.commands.length === 0) continue;
    lines.push(
      `        case ${key(node)}`,
      `            printf '%s\\n' ${node.commands.map((c) => quote(c.name)).join(' ')}`,
    );
  }
  lines.push('    end', 'end', '', `function ${f}_valued`, '    switch "$argv[1]"');
  for (const node of tree) {
    const flags = valued(node);
    if (flags.length === 0) continue;
    lines.push(
      `        case ${key(node)}`,
      `            printf '%s\\n' ${flags.map(quote).join(' ')}`,
    );
  }
  lines.push(
    '    end',
    'end',
    '',
    `function ${f}_path`,
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l cmdpath',
    '    set -l skip 0',
    '    for word in $words',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    "        if string match -q -- '-*' $word",
    `            if contains -- $word (${f}_valued "$cmdpath")`,
    '                set skip 1',
    '            end',
    '            continue',
    '        end',
    `        if contains -- $word (${f}_commands "$cmdpath")`,
    '            set cmdpath (string trim -- "$cmdpath $word")',
    '        end',
    '    end',
    '    echo $cmdpath',
    'end',
    '',
    `complete -c ${name} -f`,
  );
  for (const node of tree) {
    const when = quote(`test (${f}_path) = ${quote(node.path.join(' '))}`);
    for (const command of node.commands) {
      lines.push(
        `complete -c ${name} -n ${when} -a ${quote(command.name)} -d ${quote(short(command.description))}`,
      );
    }
    for (const option of node.options) {
      const parts = option.flags.map((flag) =>
        flag.startsWith('--') ? `-l ${quote(flag.slice(2))}` : `-s ${quote(flag.slice(1))}`,
      );
      lines.push(
        `complete -c ${name} -n ${when} ${parts.join(' ')}${option.takesValue ? ' -r' : ''} -d ${quote(short(option.description))}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
