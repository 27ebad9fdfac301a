# stage3b: the last component of a Secure Execution image. The Ultravisor starts it after
# unpack with the header PSW (64-bit, DAT off) at wherever pvimg create placed it. It moves
# the decrypted kernel to where Linux runs, passes the command line and initrd the way an
# ordinary IPL does (the kernel's parmarea), and starts the kernel with the PSW in its args.
# It is position independent. Failures end in a disabled wait whose PSW address names them:
#   0x3b0001  kernel shorter than 64 KiB
#   0x3b0002  command line longer than the kernel accepts
#   0x3b0003  command line not NUL-terminated
	.text
	.globl	_start
_start:
	larl	%r13,stage3b_args

	# The image holds the whole kernel file; Linux wants it without its first 64 KiB
	# at 0x10000. The destination lies below the source, so a forward MVCLE is safe.
	llilf	%r1,0x10000
	lg	%r3,8(%r13)		# kernel size
	clgr	%r3,%r1
	jl	kernel_too_small
	sgr	%r3,%r1
	lgr	%r2,%r1			# to 0x10000
	lg	%r4,0(%r13)
	agr	%r4,%r1			# from the kernel component + 64 KiB
	lgr	%r5,%r3
0:	mvcle	%r2,%r4,0
	jo	0b

	# The command line goes to COMMAND_LINE (0x10480), bounded by the kernel's
	# max_command_line_size (0x10430, 0 meaning the historical 896).
	lg	%r5,0x18(%r13)		# size including the NUL
	ltgr	%r5,%r5
	jz	pass_initrd
	llilf	%r1,0x10430
	lg	%r1,0(%r1)
	ltgr	%r1,%r1
	jnz	1f
	lghi	%r1,896
1:	clgr	%r5,%r1
	jh	cmdline_too_long
	lg	%r4,0x10(%r13)
	la	%r1,0(%r5,%r4)
	aghi	%r1,-1
	cli	0(%r1),0
	jne	cmdline_unterminated
	llilf	%r2,0x10480
	lgr	%r3,%r5
2:	mvcle	%r2,%r4,0
	jo	2b

pass_initrd:
	# INITRD_START (0x10408) and INITRD_SIZE (0x10410); zero when there is none.
	llilf	%r1,0x10408
	mvc	0(16,%r1),0x20(%r13)
	lpswe	0x30(%r13)

kernel_too_small:
	llilf	%r7,0x3b0001
	j	disabled_wait
cmdline_too_long:
	llilf	%r7,0x3b0002
	j	disabled_wait
cmdline_unterminated:
	llilf	%r7,0x3b0003
disabled_wait:
	larl	%r1,wait_psw
	stg	%r7,8(%r1)
	lpswe	0(%r1)

	.balign	8
wait_psw:
	.quad	0x0002000180000000, 0	# disabled wait, EA+BA; the address is the reason
# Last 64 bytes of the blob, filled in by pvimg create (genprotimg's stage3b_args).
stage3b_args:
	.quad	0, 0			# kernel: address, size of the file
	.quad	0, 0			# command line: address, size with its NUL
	.quad	0, 0			# initrd: address, size
	.quad	0, 0			# kernel PSW: mask, address
