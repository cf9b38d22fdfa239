// Just enough of POSIX sh to answer OpsDeck the way a real `/bin/sh` does. The bootstrap line
// that `exec`s the resident awk switches it to answering request lines as that awk does (files
// read with no new process, commands through `sh -c`). In script mode: the prelude,
// `printf '\n%s\n' MARKER`, the `set --` / `for f in ...` file list, the one awk that prints
// each readable file behind its marker, and `{ command; }` groups (answered with output
// captured from this machine at start). Anything else is "not found", as in dash.

/** Splits one line into sh words: single quotes, double quotes and backslashes outside quotes. */
export function shellWords(line) {
  const words = [];
  let cur = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur = (cur ?? '') + line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < line.length && line[j] !== '"'; j++) s += line[j] === '\\' && '"\\$`'.includes(line[j + 1]) ? line[++j] : line[j];
      cur = (cur ?? '') + s;
      i = j;
    } else if (c === '\\') cur = (cur ?? '') + (line[++i] ?? '');
    else if (c === ' ' || c === '\t') {
      if (cur !== null) words.push(cur);
      cur = null;
    } else cur = (cur ?? '') + c;
  }
  if (cur !== null) words.push(cur);
  return words;
}

/**
 * One shell's state. `feed` takes stdin bytes and returns what the shell prints for the complete
 * lines so far; `procfs` answers file reads and counts forks; `commands` maps command text to output.
 */
export class FakeShell {
  constructor(procfs, commands, counter = { requests: 0 }) {
    this.procfs = procfs;
    this.counter = counter;
    this.commands = commands;
    this.pending = '';
    this.args = [];
    this.resident = false;
  }

  feed(chunk) {
    this.pending += chunk;
    let out = '';
    let err = '';
    while (!this.resident) {
      if (this.pending.startsWith('command -v awk ')) {
        // The bootstrap is one command line whose quoted awk program spans several lines; it
        // ends with the quoted "no awk" marker. The exec replaces the shell: the rest is requests.
        const end = this.pending.indexOf(":sh-ready\n'\n");
        if (end < 0) return { out, err };
        // awk -v turns the \n escapes of `ready=...` into newlines; it prints that when it starts.
        out += /-v '?ready=([^' ]+)/.exec(this.pending)[1].replace(/\\n/g, '\n');
        this.pending = this.pending.slice(end + ":sh-ready\n'\n".length);
        this.resident = true;
        this.procfs.fork();
        break;
      }
      const nl = this.pending.indexOf('\n');
      if (nl < 0) return { out, err };
      const r = this.line(this.pending.slice(0, nl).trim());
      this.pending = this.pending.slice(nl + 1);
      out += r.out ?? '';
      err += r.err ?? '';
    }
    return { out: out + this.feedResident(), err };
  }

  feedResident() {
    let out = '';
    const nl = this.pending.lastIndexOf('\n');
    if (nl < 0) return out;
    const lines = this.pending.slice(0, nl).split('\n');
    this.pending = this.pending.slice(nl + 1);
    for (const line of lines) {
      const [p, ...fields] = line.split('\t');
      if (!p) continue;
      out += `\n${p}begin\n`;
      for (const f of fields) {
        if (f[0] === 'F') {
          const text = this.procfs.read(f.slice(1));
          if (text !== null) out += `\n${p}S:${f.slice(1)}\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}`;
        } else if (f[0] === 'K') {
          const [file, keep] = f.slice(1).split('\x1f');
          const text = this.procfs.read(file);
          const re = new RegExp(keep); // the filters are EREs that mean the same in JavaScript
          if (text !== null) out += `\n${p}S:${file}\n${text.split('\n').filter((l) => l !== '' && re.test(l)).map((l) => `${l}\n`).join('')}`;
        } else if (f[0] === 'C') {
          const eq = f.indexOf('=');
          const answer = this.commands[f.slice(eq + 1)];
          this.procfs.fork((answer?.forks ?? 1) + 1); // awk's `sh -c`, then the command
          out += `\n${p}S:${f.slice(1, eq)}\n${answer?.out ?? ''}`;
        }
      }
      out += `\n${p}end\n`;
      this.counter.requests++;
    }
    return out;
  }

  line(line) {
    if (line === '' || line.startsWith('LC_ALL=C;')) return {};
    if (line.startsWith('printf ')) {
      const w = shellWords(line);
      return w[1] === '\\n%s\\n' ? { out: `\n${w[2]}\n` } : { out: w[1] ?? '' };
    }
    if (line === 'set --') {
      this.args = [];
      return {};
    }
    if (line.startsWith('for f in ')) {
      const list = line.slice('for f in '.length, line.indexOf('; do '));
      this.args = shellWords(list).filter((f) => this.procfs.read(f) !== null); // [ -r "$f" ]
      return {};
    }
    if (line.startsWith('[ $# -gt 0 ] && OPSDECK_P=')) {
      if (this.args.length === 0) return {};
      this.procfs.fork();
      const w = shellWords(line);
      const p = w[4].slice('OPSDECK_P='.length); // [ $# -gt 0 ] && OPSDECK_P=PREFIX awk ...
      let out = '';
      for (const f of this.args) {
        const text = this.procfs.read(f) ?? '';
        out += `\n${p}${f}\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}`;
      }
      return { out };
    }
    const group = /^\{ (.*); \} <\/dev\/null 2>\/dev\/null$/.exec(line);
    if (group) {
      const answer = this.commands[group[1]];
      this.procfs.fork(answer?.forks ?? 1);
      return answer ? { out: answer.out } : {};
    }
    return { err: `sh: 1: ${line.split(' ')[0]}: not found\n` };
  }
}
