// System calls from a freestanding assembly program (no libc): the SVC path, argument and result
// registers, write to stdout, open/read/close of a host file, brk, and the exit status. Compared
// with qemu-s390x-static.
import { describe, expect, it } from 'vitest';
import { buildStatic } from '../../tools/cross.js';
import { runBoth } from '../../tools/run-both.js';

const PROGRAM = `
	.text
	.globl _start
_start:
	lghi	%r2,1
	larl	%r3,msg
	lghi	%r4,6
	svc	4			# write(1, msg, 6)
	larl	%r2,path
	lghi	%r3,0
	svc	5			# open("/etc/hostname", O_RDONLY)
	lgr	%r6,%r2
	larl	%r3,buf
	lghi	%r4,5
	svc	3			# read(fd, buf, 5)
	lgr	%r4,%r2
	lghi	%r2,1
	larl	%r3,buf
	svc	4			# write(1, buf, n)
	lgr	%r2,%r6
	svc	6			# close(fd)
	lghi	%r2,0
	svc	45			# brk(0)
	lgr	%r7,%r2
	aghi	%r2,8192
	svc	45			# brk(cur + 8192)
	sgr	%r2,%r7
	lghi	%r1,248
	cghi	%r2,8192
	je	1f
	lghi	%r2,99
	svc	0			# exit_group(99) through svc 0 with the number in r1
1:	lghi	%r2,7
	svc	0			# exit_group(7)
	.data
msg:	.ascii	"hello\\n"
path:	.asciz	"/etc/hostname"
buf:	.skip	16
	.section .note.GNU-stack,"",@progbits
`;

describe('raw system calls', () => {
  it('match qemu-s390x', () => {
    const exe = buildStatic([{ name: 'raw.S', text: PROGRAM }], ['-nostdlib', '-march=z196']);
    const { qemu, ours } = runBoth(exe, []);
    expect(qemu.status).toBe(7);
    expect(ours.stdout.toString('latin1')).toBe(qemu.stdout.toString('latin1'));
    expect(ours.status).toBe(7);
  });
});
