// Every BFP instruction in BFP_OPS on generated operands under all rounding controls, run under
// qemu-s390x and replayed on the interpreter's handlers: result, condition code and FPC must agree.
import { describe, expect, test } from 'vitest';
import { BFP_OPS } from '../../tools/bfp-ops.js';
import { bfpOracleSource } from './harness/bfp-ops.js';
import { evaluate } from './harness/bfp-eval.js';
import { buildProgram, runProgram } from './harness/cross.js';
import { expectationFromQemu, sameOutcome } from '../../tools/qemu-deviations.js';

// FP_ORACLE_INPUTS and FP_ORACLE_SEED widen a run when hunting a bug.
const INPUTS_PER_OP = Number(process.env.FP_ORACLE_INPUTS ?? 400);
const SEED = process.env.FP_ORACLE_SEED ?? '20240601';

describe('BFP soft-float against qemu-s390x', () => {
  const exe = buildProgram('bfp-oracle', bfpOracleSource());
  for (const spec of BFP_OPS) {
    test(spec.mn, () => {
      const lines = runProgram(exe, [String(INPUTS_PER_OP), SEED, spec.mn, '0']).trim().split('\n');
      expect(lines.length).toBeGreaterThan(INPUTS_PER_OP);
      const bad: string[] = [];
      for (const line of lines) {
        const [lhs, rhs] = line.split(' = ');
        const [, mode, m3, m4, ...operands] = lhs!.split(' ');
        const [result, cc, fpc] = rhs!.split(' ');
        const want = expectationFromQemu(spec, operands, Number(m4), 0, { result: result!, cc: cc!, fpc: fpc! });
        const got = evaluate(spec, Number(mode), Number(m3), Number(m4), operands);
        if (!sameOutcome(want, got)) {
          bad.push(`${line}\n    want: ${want.result} ${want.cc} ${want.fpc}\n    ours: ${got.result} ${got.cc} ${got.fpc}`);
        }
      }
      expect(bad.slice(0, 12).join('\n'), `${bad.length} of ${lines.length} differ`).toBe('');
    });
  }
});
