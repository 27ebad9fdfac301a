# stage3a: the first code of a Secure Execution image, entered at IPL through the short PSW
# at absolute 0 (pvimg create loads this blob at 0x10000). It tells the PV IPIB where the
# SE header is, hands the IPIB to the Ultravisor (diag 308 subcode 8) and asks it to unpack
# the image and enter secure mode (subcode 10), which does not return when it succeeds.
# Every failure ends in a disabled wait whose PSW address names it:
#   0x161         facility 161 (secure-execution unpack) is not installed
#   0x0008rrrr    diag 308 subcode 8 returned rc rrrr
#   0x000arrrr    diag 308 subcode 10 returned rc rrrr
	.text
	.globl	_start
_start:
	# IPL may leave the CPU in ESA/390 mode: switch to z/Architecture (SIGP set
	# architecture, code 1) and to 64-bit addressing. A z/Architecture-only machine
	# refuses the SIGP, which is harmless.
	lhi	%r1,1
	sr	%r0,%r0
	sigp	%r1,%r0,0x12
	sam64

	# stage3a_args holds offsets relative to itself, so the image may sit anywhere.
	larl	%r13,stage3a_args
	lg	%r2,16(%r13)
	agr	%r2,%r13		# the PV IPIB
	lg	%r3,0(%r13)
	agr	%r3,%r13		# the SE header
	stg	%r3,0x78(%r2)		# IPIB pv_hdr_addr
	mvc	0x80(8,%r2),8(%r13)	# IPIB pv_hdr_size

	larl	%r1,facility_list
	lghi	%r0,2			# three doublewords: facility 161 is in the third
	stfle	0(%r1)
	tm	20(%r1),0x40		# facility 161 = byte 20, bit 1
	jz	no_unpack_facility

	lgr	%r4,%r2			# diag 308: R1 = IPIB address, rc comes back in R1+1
	lghi	%r6,8
	diag	%r4,%r6,0x308
	llghr	%r7,%r5
	cghi	%r7,1
	jne	set_pv_failed
	lghi	%r6,10
	diag	%r4,%r6,0x308
	llghr	%r7,%r5			# only a failed unpack comes back here
	oilh	%r7,0x000a
	j	disabled_wait
set_pv_failed:
	oilh	%r7,0x0008
	j	disabled_wait
no_unpack_facility:
	lghi	%r7,0x161
disabled_wait:
	larl	%r1,wait_psw
	stg	%r7,8(%r1)
	lpswe	0(%r1)

	.balign	8
wait_psw:
	.quad	0x0002000180000000, 0	# disabled wait, EA+BA; the address is the reason
facility_list:
	.quad	0, 0, 0
# Last 24 bytes of the blob, filled in by pvimg create (genprotimg's stage3a_args).
stage3a_args:
	.quad	0			# hdr_offs: SE header - stage3a_args
	.quad	0			# hdr_size
	.quad	0			# ipib_offs: PV IPIB - stage3a_args
