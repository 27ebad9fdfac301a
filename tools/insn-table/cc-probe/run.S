# run_insn(code, regs, cc): load r0-r12 from regs, set the condition code with SPM and jump to code:
# the instruction under test, then "ipm %r13", then a jump back to run_insn_back. The instruction may
# clobber any register (LM ranges wrap), so the way back and the stack pointer do not live in one.
# glibc keeps the thread pointer in a0/a1 (LAE, SAR, LAM write them) and needs it even to
# siglongjmp, and SFPC or SPM may leave traps enabled, so both ways back restore the ARs, the FPC
# and the program mask before any C code runs.
	.text
	.globl	run_insn
	.globl	run_insn_back
	.globl	on_signal_entry
	.type	run_insn, @function
run_insn:
	stmg	%r6,%r15,48(%r15)
	larl	%r1,saved
	stg	%r15,0(%r1)
	stam	%a0,%a15,8(%r1)
	std	%f8,72(%r1)
	std	%f9,80(%r1)
	std	%f10,88(%r1)
	std	%f11,96(%r1)
	std	%f12,104(%r1)
	std	%f13,112(%r1)
	std	%f14,120(%r1)
	std	%f15,128(%r1)
	lgr	%r13,%r2
	lhi	%r0,0
	sfpc	%r0
	sll	%r4,28
	spm	%r4
	lmg	%r0,%r12,0(%r3)
	br	%r13
run_insn_back:
	larl	%r1,saved
	bras	%r14,restore
	lg	%r15,0(%r1)
	lgr	%r2,%r13
	lmg	%r6,%r15,48(%r15)
	br	%r14
	.size	run_insn, .-run_insn

# The signal handler's first instruction: on_signal(sig) runs once the ARs are glibc's again.
	.type	on_signal_entry, @function
on_signal_entry:
	larl	%r1,saved
	bras	%r14,restore
	jg	on_signal
	.size	on_signal_entry, .-on_signal_entry

# restore: ARs, f8-f15, FPC 0 and program mask 0 from the block at r1; returns through r14.
restore:
	lam	%a0,%a15,8(%r1)
	ld	%f8,72(%r1)
	ld	%f9,80(%r1)
	ld	%f10,88(%r1)
	ld	%f11,96(%r1)
	ld	%f12,104(%r1)
	ld	%f13,112(%r1)
	ld	%f14,120(%r1)
	ld	%f15,128(%r1)
	lhi	%r0,0
	sfpc	%r0
	spm	%r0
	br	%r14

	.data
	.align	8
# stack pointer, a0-a15, f8-f15
saved:
	.space	136
	.section	.note.GNU-stack,"",@progbits
