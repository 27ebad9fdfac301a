# diag 308 and UVC outside and inside secure mode; STEP (--defsym) picks the case. Results at
# RESULTS; a program interruption ends in a disabled wait at PGM_WAIT (its code at 0x8e).
#   STEP 0  (a plain image on a PV-capable machine) STFLE; UVC query into 0x20000 (cc at
#           0xe18); diag 308 subcode 9 and 10 with no PV IPIB (rc at 0xe20, 0xe28)
#   STEP 1  UVC                                    (a machine without PV: operation exception)
#   STEP 2  diag 308 subcode 8                     (a machine without PV: specification)
#   STEP 3  UVC with a non-zero M4 field           (specification)
#   STEP 4  (in secure mode) share 0x30000, write a pattern into 0x30000 and 0x31000, store the
#           PV IPIB at 0x40000 (diag 308 subcode 9, rc at 0xe20), then diag 308 subcode SUBCODE
	.set	RESULTS, 0xe00
	.set	MARKER, 0x4242
	.set	PGM_WAIT, 0x4343
	.set	PGM_NEW_PSW, 0x1d0

	.text
	.globl	_start
_start:
	larl	%r1,pgm_psw
	mvc	PGM_NEW_PSW(16,%r0),0(%r1)
	llilf	%r2,0x20000
	xc	0(256,%r2),0(%r2)
	xc	256(256,%r2),256(%r2)
	mvhhi	0(%r2),0x120
	mvhhi	2(%r2),1
	llilf	%r6,0x40000
.if STEP == 0
	lghi	%r0,2
	stfle	RESULTS(%r0)
	.insn	rrf,0xb9a40000,%r0,%r2,0,0
	ipm	%r3
	srl	%r3,28
	st	%r3,RESULTS+0x18(%r0)
	lghi	%r8,9
	diag	%r6,%r8,0x308
	st	%r7,RESULTS+0x20(%r0)
	lghi	%r8,10
	diag	%r6,%r8,0x308
	st	%r7,RESULTS+0x28(%r0)
.endif
.if STEP == 1
	.insn	rrf,0xb9a40000,%r0,%r2,0,0
.endif
.if STEP == 2
	lghi	%r8,8
	diag	%r6,%r8,0x308
.endif
.if STEP == 3
	.insn	rrf,0xb9a40000,%r0,%r2,0,1
.endif
.if STEP == 4
	llilf	%r4,0x30000
	mvhhi	0(%r2),0x30
	mvhhi	2(%r2),0x1000
	stg	%r4,0x20(%r2)
	.insn	rrf,0xb9a40000,%r0,%r2,0,0
	llilf	%r5,0x5ec0de
	st	%r5,0(%r4)
	sty	%r5,0x1000(%r4)
	lghi	%r8,9
	diag	%r6,%r8,0x308
	st	%r7,RESULTS+0x20(%r0)
	lghi	%r8,SUBCODE
	diag	%r6,%r8,0x308
.endif
	larl	%r1,wait_psw
	lpswe	0(%r1)

	.balign	8
wait_psw:
	.quad	0x0002000180000000, MARKER
pgm_psw:
	.quad	0x0002000180000000, PGM_WAIT
