// The C program that runs each BFP instruction of tools/bfp-ops.ts on many generated operands
// under every rounding control; the same table drives the comparison (bfp-eval.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BFP_OPS, type OpSpec } from '../../../tools/bfp-ops.js';

const CTYPE = ['float', 'double', 'long double'];
const OF = ['f32of', 'f64of', 'f128of'];
const Q = ['qf32', 'qf64', 'qf128'];
const M34 = [0, 1, 3, 4, 5, 6, 7].flatMap((m3) => [0, 4].map((m4) => [m3, m4] as const));

/** The asm statement for one instruction; M3 and M4 are spliced in as immediates. */
function asmFor(s: OpSpec, m3: number, m4: number): string {
  const ipm = s.setsCC ? '\\n\\tipm %1' : '';
  const cc = s.setsCC ? ', "=d"(cc)' : '';
  const src = s.setsCC ? '%2' : '%1';
  switch (s.kind) {
    case 'mulx': {
      // QEMU 7.2 reads MDEBR's and MXDBR's first operand in the long/extended format instead of
      // the short/long one. The product is exact in the target format, so the oracle lengthens
      // both operands and multiplies there; a quiet first operand must not hide a signaling
      // second one, so those two are swapped.
      const len = s.fin === 0 ? 'ldebr' : 'lxdbr', mul = s.fout === 1 ? 'mdbr' : 'mxbr';
      return `__asm__ volatile("${len} %0,%2\\n\\t${len} %1,%3" : "=&f"(r), "=&f"(ry) : "f"(x), "f"(y)); `
        + `if (nan_kind(${s.fin}, a) == 1 && nan_kind(${s.fin}, b) == 2) { ${CTYPE[s.fout]} t = r; r = ry; ry = t; } `
        + `__asm__ volatile("${mul} %0,%1" : "+f"(r) : "f"(ry))`;
    }
    case 'bin':
      return `__asm__ volatile("${s.mn} %0,${src}${ipm}" : "+f"(r)${cc} : "f"(y) : "cc")`;
    case 'un':
      return `__asm__ volatile("${s.mn} %0,${src}${ipm}" : "=f"(r)${cc} : "f"(x) : "cc")`;
    case 'fma':
      return `__asm__ volatile("${s.mn} %0,%1,%2" : "+f"(r) : "f"(y), "f"(z))`;
    case 'conv': case 'fi':
      return s.m34
        ? `__asm__ volatile("${s.mn} %0,${m3},%1,${m4}" : "=f"(r) : "f"(x))`
        : `__asm__ volatile("${s.mn} %0,%1" : "=f"(r) : "f"(x))`;
    case 'cmp':
      return `__asm__ volatile("${s.mn} %1,%2\\n\\tipm %0" : "=d"(cc) : "f"(x), "f"(y) : "cc")`;
    case 'tc':
      return `__asm__ volatile("${s.mn} %1,0(%2)\\n\\tipm %0" : "=d"(cc) : "f"(x), "a"(mask) : "cc")`;
    case 'toint':
      return `__asm__ volatile("${s.mn} %0,${m3},%2,${m4}\\n\\tipm %1" : "+d"(ir), "=d"(cc) : "f"(x) : "cc")`;
    case 'fromint':
      return `__asm__ volatile("${s.mn} %0,${m3},%1,${m4}" : "=f"(r) : "d"(iv))`;
  }
}

function body(s: OpSpec): string {
  const fi = s.fin, fo = s.fout;
  const lines: string[] = [];
  const gen = s.kind === 'fromint' ? 'uint64_t iv = gen_int();' : `q_t a = gen_fp(${fi});`;
  lines.push(gen);
  if (s.kind === 'bin' || s.kind === 'mulx' || s.kind === 'cmp') lines.push(`q_t b = gen_near(${fi}, a);`);
  if (s.kind === 'fma') lines.push(`q_t b = gen_fp(${fi}), c = gen_near(${fi}, a);`);
  if (s.kind === 'tc') lines.push('uint64_t mask = rnd() & 0xfff;');
  lines.push(s.m34
    ? `for (int k = 0; k < ${M34.length}; k++) { int m3 = M34S[k][0], m4 = M34S[k][1]; uint32_t mode = FPC_MODES[rnd() % 5];`
    : 'for (int k = 0; k < 5; k++) { int m3 = 0, m4 = 0; uint32_t mode = FPC_MODES[k];');
  lines.push('uint32_t cc = 0; uint64_t ir = 0; (void)ir; (void)cc;');
  if (s.kind !== 'fromint') lines.push(`${CTYPE[fi]} x = ${OF[fi]}(a); (void)x;`);
  switch (s.kind) {
    case 'bin': lines.push(`${CTYPE[fo]} r = x, y = ${OF[fi]}(b);`); break;
    case 'mulx': lines.push(`${CTYPE[fo]} r, ry; ${CTYPE[fi]} y = ${OF[fi]}(b);`); break;
    case 'fma': lines.push(`${CTYPE[fo]} r = x, y = ${OF[fi]}(b), z = ${OF[fi]}(c);`); break;
    case 'cmp': lines.push(`${CTYPE[fi]} y = ${OF[fi]}(b);`); break;
    // Rounding from extended still names a register pair as the target; only its left half changes.
    case 'conv': lines.push(`${CTYPE[fi === 2 ? 2 : fo]} r;`); break;
    case 'un': case 'fi': case 'fromint': lines.push(`${CTYPE[fo]} r;`); break;
    default: break;
  }
  // Operands are printed first so that a trap (SIGFPE) can end the line with its DXC.
  lines.push(`printf("${s.mn} %u %d %d", mode, ${s.kind === 'tc' ? '(int)mask' : 'm3'}, m4);`);
  if (s.kind === 'fromint') lines.push('printf(" %016llx", (unsigned long long)iv);');
  else lines.push(`put(${fi}, a);`);
  if (s.kind === 'bin' || s.kind === 'mulx' || s.kind === 'cmp') lines.push(`put(${fi}, b);`);
  if (s.kind === 'fma') lines.push(`put(${fi}, b); put(${fi}, c);`);
  lines.push('if (sigsetjmp(trap_jb, 1)) { set_fpc(0); printf(" = trap %02x\\n", trap_dxc); continue; }');
  lines.push('set_fpc(mode | masks);');
  if (s.m34 && s.kind !== 'un') {
    lines.push('switch (m3 * 8 + m4) {');
    for (const [m3, m4] of M34) lines.push(`case ${m3 * 8 + m4}: ${asmFor(s, m3, m4)}; break;`);
    lines.push('}');
  } else {
    lines.push(`${asmFor(s, 0, 0)};`);
  }
  lines.push('uint32_t fpc = get_fpc();');
  lines.push('set_fpc(0);');
  lines.push('printf(" =");');
  if (s.kind === 'cmp' || s.kind === 'tc') lines.push('printf(" -");');
  else if (s.kind === 'toint') lines.push(s.bits === 32 ? 'printf(" %08x", (uint32_t)ir);' : 'printf(" %016llx", (unsigned long long)ir);');
  else if (s.kind === 'conv' && fi === 2 && fo !== 2) lines.push(`{ q_t t = qf128(r); t.hi >>= ${fo === 0 ? 32 : 0}; put(${fo}, t); }`);
  else lines.push(`put(${fo}, ${Q[fo]}(r));`);
  lines.push(s.setsCC ? 'printf(" %u", (cc >> 28) & 3);' : 'printf(" -");');
  lines.push('printf(" %08x\\n", fpc);');
  lines.push('}');
  return lines.join('\n    ');
}

/** The whole oracle program: `prog N SEED [OP] [MASKS]` prints N inputs' worth of lines for
 *  every op (or OP), with the FPC mask byte MASKS (default 0) on during each instruction. */
export function bfpOracleSource(): string {
  const prelude = readFileSync(resolve(import.meta.dirname, '../oracle/prelude.c'), 'utf8');
  const parts = [prelude];
  parts.push(`static const int M34S[${M34.length}][2] = { ${M34.map(([a, b]) => `{${a},${b}}`).join(', ')} };`);
  for (const s of BFP_OPS) {
    parts.push(`static void t_${s.mn}(int n) {\n  for (int i = 0; i < n; i++) {\n    ${body(s)}\n  }\n}`);
  }
  parts.push('int main(int argc, char **argv) {');
  parts.push('  int n = argc > 1 ? atoi(argv[1]) : 100;');
  parts.push('  if (argc > 2) rs ^= strtoull(argv[2], 0, 0) * 0x2545F4914F6CDD1Dull;');
  parts.push('  const char *only = argc > 3 && strcmp(argv[3], "all") ? argv[3] : 0;');
  parts.push('  masks = argc > 4 ? (uint32_t)strtoul(argv[4], 0, 0) << 24 : 0;');
  parts.push('  struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = on_trap; sa.sa_flags = SA_SIGINFO; sigaction(SIGFPE, &sa, 0);');
  for (const s of BFP_OPS) parts.push(`  if (!only || !strcmp(only, "${s.mn}")) t_${s.mn}(n);`);
  parts.push('  return 0;\n}');
  return parts.join('\n\n') + '\n';
}
