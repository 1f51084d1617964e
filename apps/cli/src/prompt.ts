import { CliError } from './errors.js';
import type { CliIo } from './io.js';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/**
 * Questions on stderr (stdout stays for results), answers from stdin one line each. On a
 * terminal a hidden answer is read in raw mode, so nothing is echoed; through a pipe (scripts,
 * tests piping "email\npassword\n") stdin is simply read line by line.
 */
export class Prompter {
  #buffer = '';
  #ended = false;
  #wake: (() => void) | undefined;
  #skipLineFeed = false;
  readonly #onData = (chunk: Buffer | string) => {
    this.#buffer += chunk.toString();
    this.#wake?.();
  };
  readonly #onEnd = () => {
    this.#ended = true;
    this.#wake?.();
  };

  constructor(private readonly io: CliIo) {
    io.stdin.on('data', this.#onData);
    io.stdin.on('end', this.#onEnd);
  }

  get interactive(): boolean {
    return this.io.stdin.isTTY === true;
  }

  /** Asks one question; `hidden` answers are not echoed (passwords). */
  async ask(question: string, hidden = false): Promise<string> {
    this.io.stderr.write(question);
    const raw = hidden && this.interactive && this.io.stdin.setRawMode !== undefined;
    if (raw) this.io.stdin.setRawMode?.(true);
    this.io.stdin.resume();
    try {
      const answer = await this.#readLine(raw);
      // A terminal echoes Enter; neither raw mode nor piped input does, so end the prompt's line
      // here, or "Email: Password: Signed in…" runs together on stderr.
      if (raw || !this.interactive) this.io.stderr.write('\n');
      return answer;
    } finally {
      if (raw) this.io.stdin.setRawMode?.(false);
      this.io.stdin.pause();
    }
  }

  /** Stops listening, so a TTY's stdin does not keep the process alive. */
  close(): void {
    this.io.stdin.off('data', this.#onData);
    this.io.stdin.off('end', this.#onEnd);
    this.io.stdin.pause();
  }

  async #readLine(raw: boolean): Promise<string> {
    let answer = '';
    for (;;) {
      while (this.#buffer.length > 0) {
        const char = this.#buffer.charAt(0);
        this.#buffer = this.#buffer.slice(1);
        // "\r\n" is one end of line; the "\n" may arrive in the next chunk.
        if (this.#skipLineFeed && char === '\n') {
          this.#skipLineFeed = false;
          continue;
        }
        this.#skipLineFeed = char === '\r';
        if (ENTER.has(char)) return answer;
        // In raw mode the terminal does no line editing nor signals: do the few that matter.
        if (raw && char === CTRL_C) throw new CliError('cancelled', 1, 'cancelled');
        if (raw && char === CTRL_D && answer === '')
          throw new CliError('cancelled', 1, 'cancelled');
        if (raw && BACKSPACE.has(char)) {
          answer = answer.slice(0, -1);
          continue;
        }
        answer += char;
      }
      if (this.#ended) {
        if (answer !== '') return answer;
        throw new CliError('no answer on stdin (it ended)', 1, 'no_input');
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}
