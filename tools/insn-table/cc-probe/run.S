# run_insn(code, regs, cc): load r0-r12 from regs, set the condition code with SPM, call code
# (the instruction under test, then "ipm %r13; br %r14"), and return what IPM saw in r13.
	.text
	.globl	run_insn
	.type	run_insn, @function
run_insn:
	stmg	%r6,%r15,48(%r15)
	lgr	%r13,%r2
	sll	%r4,28
	spm	%r4
	lmg	%r0,%r12,0(%r3)
	basr	%r14,%r13
	lgr	%r2,%r13
	lmg	%r6,%r15,48(%r15)
	br	%r14
	.size	run_insn, .-run_insn
	.section	.note.GNU-stack,"",@progbits
