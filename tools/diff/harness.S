/* Loads a state record into every register the instruction can see, enters a variant's stub
 * (which loads the GPRs and runs the instruction), saves the result, and returns to C. A trap
 * comes back through harness_escape from the signal handler. */
	.text
	.globl	_start
_start:
	lgr	%r2,%r15		/* r15 points at argc */
	aghi	%r15,-160
	xc	0(8,%r15),0(%r15)
	brasl	%r14,harness_main
	j	.

	/* long run_variant(void *stub): 0 when the instruction completed, 1 after a trap. */
	.globl	run_variant
run_variant:
	stmg	%r6,%r15,48(%r15)
	stgrl	%r15,saved_sp
	larl	%r1,saved_fpr		/* f8-f15 are callee-saved, and gcc keeps values there */
	std	%f8,0(%r1)
	std	%f9,8(%r1)
	std	%f10,16(%r1)
	std	%f11,24(%r1)
	std	%f12,32(%r1)
	std	%f13,40(%r1)
	std	%f14,48(%r1)
	std	%f15,56(%r1)
	larl	%r1,in_state
	lfpc	256(%r1)
	ld	%f0,128(%r1)
	ld	%f1,136(%r1)
	ld	%f2,144(%r1)
	ld	%f3,152(%r1)
	ld	%f4,160(%r1)
	ld	%f5,168(%r1)
	ld	%f6,176(%r1)
	ld	%f7,184(%r1)
	ld	%f8,192(%r1)
	ld	%f9,200(%r1)
	ld	%f10,208(%r1)
	ld	%f11,216(%r1)
	ld	%f12,224(%r1)
	ld	%f13,232(%r1)
	ld	%f14,240(%r1)
	ld	%f15,248(%r1)
	lam	%a0,%a15,264(%r1)
	l	%r0,260(%r1)
	spm	%r0
	br	%r2			/* the stub starts with lmg %r0,%r15,0(%r1) */

	.globl	save_taken
save_taken:
	stgrl	%r1,tmp_r1
	larl	%r1,out_state
	mvhi	332(%r1),1
	j	save_common
	.globl	save_fall
save_fall:
	stgrl	%r1,tmp_r1
	larl	%r1,out_state
	mvhi	332(%r1),0
save_common:
	stmg	%r0,%r15,0(%r1)
	lgrl	%r0,tmp_r1
	stg	%r0,8(%r1)
	lghi	%r0,0
	ipm	%r0
	st	%r0,260(%r1)
	stfpc	256(%r1)
	std	%f0,128(%r1)
	std	%f1,136(%r1)
	std	%f2,144(%r1)
	std	%f3,152(%r1)
	std	%f4,160(%r1)
	std	%f5,168(%r1)
	std	%f6,176(%r1)
	std	%f7,184(%r1)
	std	%f8,192(%r1)
	std	%f9,200(%r1)
	std	%f10,208(%r1)
	std	%f11,216(%r1)
	std	%f12,224(%r1)
	std	%f13,232(%r1)
	std	%f14,240(%r1)
	std	%f15,248(%r1)
	stam	%a0,%a15,264(%r1)
	lghi	%r2,0
	j	restore_c

	.globl	harness_escape
harness_escape:
	lghi	%r2,1
restore_c:
	lghi	%r0,0			/* a program mask the instruction set must not trap C code */
	spm	%r0
	larl	%r1,saved_fpr
	ld	%f8,0(%r1)
	ld	%f9,8(%r1)
	ld	%f10,16(%r1)
	ld	%f11,24(%r1)
	ld	%f12,32(%r1)
	ld	%f13,40(%r1)
	ld	%f14,48(%r1)
	ld	%f15,56(%r1)
	lfpc	64(%r1)
	lgrl	%r15,saved_sp
	lmg	%r6,%r15,48(%r15)
	br	%r14

	/* long sys(long nr, long a, long b, long c, long d) */
	.globl	sys
sys:
	lgr	%r1,%r2
	lgr	%r2,%r3
	lgr	%r3,%r4
	lgr	%r4,%r5
	lgr	%r5,%r6
	svc	0
	br	%r14

	.data
	.balign	8
saved_sp:	.quad 0
tmp_r1:		.quad 0
saved_fpr:	.skip 72		/* f8-f15 and an FPC of zero for the C code */

	.section .note.GNU-stack,"",@progbits
