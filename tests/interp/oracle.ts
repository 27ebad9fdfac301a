// Runs an assembly snippet on several register states under qemu-s390x-static (the oracle) and
// on our Cpu, and returns both outputs: every GPR, the CC and a storage buffer after each run.
// The same static program runs in both places, so nothing expected is typed by hand.
import * as fs from 'node:fs';
import { decodeWords } from '../../src/decoder/decode.js';
import { registerAllOps } from '../../src/interp/ops/index.js';
import { Cpu, PSW0_PROBLEM, type StopReason } from '../../src/interp/cpu.js';
import { createStateMemory } from '../../src/runtime/state.js';
import { parseElf, PT_LOAD } from '../../src/user/elf.js';
import { buildStatic, runQemu } from '../../tools/cross.js';

export interface OracleCase {
  /** Assembly run with the registers loaded from the state; `%r11` is free to address `buf`. */
  readonly snippet: string;
  /** GPR values (16 each) and the CC for each run. */
  readonly states: readonly { readonly regs: readonly bigint[]; readonly cc: number }[];
  /** Assembler directives for the initial contents of `buf` (shared by the runs, in order). */
  readonly data?: string;
  /** Bytes of `buf` compared after the runs. */
  readonly bufLen?: number;
  /** PSW program mask (bit 8 enables fixed-point overflow) set with the CC. */
  readonly progMask?: number;
}

export interface Outcome {
  /** The bytes the program writes: per run 16 GPRs and the IPM word, then buf. */
  readonly out: string;
  /** How the program ended: 'exit' or the signal / program-interruption code. */
  readonly end: string;
}

function hex64(v: bigint): string {
  return '0x' + BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}

function source(c: OracleCase): string {
  const bufLen = c.bufLen ?? 64;
  const runs = c.states.map((s, k) => {
    const saves = Array.from({ length: 15 }, (_, r) => `\tstgrl %r${r + 1}, out${k}+${(r + 1) * 8}`).join('\n');
    return `
\tlarl %r1, pm${k}
\tl %r1, 0(%r1)
\tspm %r1
\tlarl %r1, in${k}
\tlmg %r0, %r15, 0(%r1)
${c.snippet}
\tstgrl %r0, out${k}
${saves}
\tipm %r0
\tstgrl %r0, out${k}+128`;
  }).join('\n');
  const inputs = c.states.map((s, k) => `
\t.balign 8
in${k}:\t.quad ${s.regs.map(hex64).join(', ')}
pm${k}:\t.long ${((s.cc & 3) << 28) | ((c.progMask ?? 0) << 24)}`).join('\n');
  const outs = c.states.map((_, k) => `out${k}:\t.space 136`).join('\n');
  return `\t.text
\t.globl _start
_start:
${runs}
\tlghi %r2, 1
\tlarl %r3, out0
\tlghi %r4, ${c.states.length * 136 + bufLen}
\tsvc 4
\tlghi %r2, 0
\tsvc 1
\t.data
${inputs}
\t.balign 8
${outs}
buf:
${c.data ?? ''}
\t.balign 8
\t.space ${bufLen + 64}
`;
}

export function build(c: OracleCase): string {
  return buildStatic([{ name: 'case.S', text: source(c) }], ['-nostdlib', '-march=z13']);
}

export function runOnQemu(exe: string): Outcome {
  const r = runQemu(exe, []);
  return { out: r.stdout.toString('hex'), end: r.signal ?? (r.status === 0 ? 'exit' : `status ${r.status}`) };
}

/** Signal Linux delivers for a program-interruption code (what qemu reports). */
function signalFor(code: number): string {
  switch (code) {
    case 0x01: case 0x02: case 0x03: case 0x06: return 'SIGILL';
    case 0x04: case 0x05: case 0x10: case 0x11: return 'SIGSEGV';
    default: return 'SIGFPE';
  }
}

export function runOnCpu(exe: string): Outcome {
  registerAllOps();
  const file = new Uint8Array(fs.readFileSync(exe));
  const img = parseElf(file);
  const cpu = new Cpu(createStateMemory(64 << 20), decodeWords);
  for (const ph of img.phdrs) {
    if (ph.type !== PT_LOAD) continue;
    cpu.mem.writeBytes(ph.vaddr, file.subarray(ph.offset, ph.offset + ph.filesz));
  }
  cpu.setPswMask(1 | PSW0_PROBLEM, 0x80000000);
  cpu.setIa(0, img.entry);
  let out = '';
  for (;;) {
    const stop: StopReason = cpu.run(1_000_000);
    if (stop.kind === 'svc' && stop.code === 4) {
      out = Buffer.from(cpu.mem.readBytes(cpu.lo(3) >>> 0, cpu.lo(4) >>> 0)).toString('hex');
      continue;
    }
    if (stop.kind === 'svc' && stop.code === 1) return { out, end: 'exit' };
    if (stop.kind === 'program') return { out, end: signalFor(stop.code) };
    return { out, end: `unexpected stop ${JSON.stringify(stop)}` };
  }
}
