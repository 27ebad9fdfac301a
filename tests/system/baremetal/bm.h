/* Shared definitions for the bare-metal test programs: lowcore offsets (real addresses,
 * prefix 0) and PSWs. Every program ends in a disabled wait at MARKER (or SIGP stop). */
#define LC_EXT_NEW   0x1b0
#define LC_SVC_NEW   0x1c0
#define LC_PGM_NEW   0x1d0
#define RESULTS      0xe00      /* where programs store what the test reads back */
#define MARKER       0x4242

/* Copies the 16-byte PSW at label into the lowcore new-PSW slot at off. */
.macro set_new_psw off, label
	larl	%r1, \label
	mvc	\off(16,%r0), 0(%r1)
.endm

/* Disabled wait at MARKER, 64-bit addressing: what the new PSWs are set to. */
.macro wait_psw_data
	.balign	8
wait_psw:
	.quad	0x0002000180000000, MARKER
.endm
