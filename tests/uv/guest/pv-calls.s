# A tiny "kernel" for a Secure Execution image (stage3b starts it at 0x10000): it records what a
# secure guest sees of the Ultravisor at RESULTS and ends in a disabled wait at MARKER.
#   0xe00  STFLE, three doublewords
#   0xe18  cc of: query, share 0x30000, share 0x32000, unshare 0x32000, share 0x30800 (not a
#          page), query with a 0x20-byte block, query with a 0xa8-byte block, an unknown command
# The UV control blocks stay where they are (0x20000 on) for the test to read rc and data.
# Finally it writes a pattern into 0x30000 (shared), 0x31000 and 0x32000 (secure again).
	.set	RESULTS, 0xe00
	.set	MARKER, 0x4242
	.set	UVCB, 0x20000

	.macro	uvc_call index, len, cmd, paddr=0
	llilf	%r2,UVCB+\index*0x200
	xc	0(256,%r2),0(%r2)
	xc	256(256,%r2),256(%r2)
	mvhhi	0(%r2),\len
	mvhhi	2(%r2),\cmd
	llilf	%r4,\paddr
	stg	%r4,0x20(%r2)
	.insn	rrf,0xb9a40000,%r0,%r2,0,0
	ipm	%r3
	srl	%r3,28
	st	%r3,RESULTS+0x18+4*\index(%r0)
	.endm

	.text
	.globl	_start
_start:
	lghi	%r0,2
	stfle	RESULTS(%r0)
	uvc_call 0, 0x120, 0x0001
	uvc_call 1, 0x30, 0x1000, 0x30000
	uvc_call 2, 0x30, 0x1000, 0x32000
	uvc_call 3, 0x30, 0x1001, 0x32000
	uvc_call 4, 0x30, 0x1000, 0x30800
	uvc_call 5, 0x20, 0x0001
	uvc_call 6, 0xa8, 0x0001
	uvc_call 7, 0x30, 0x0100
	llilf	%r4,0x5ec0de
	llilf	%r5,0x30000
	st	%r4,0(%r5)
	sty	%r4,0x1000(%r5)
	sty	%r4,0x2000(%r5)
	larl	%r1,wait_psw
	lpswe	0(%r1)

	.balign	8
wait_psw:
	.quad	0x0002000180000000, MARKER
