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

/* DAT tables for the programs that turn DAT on (segment-table ASCE SEGTAB + 3): segment 0
 * (0-1 MiB) maps to itself through PT0, segment 1 has page table PT1 with every page invalid
 * (the program maps the ones it uses), the other 2046 segments are invalid. Uses r2, r3, r5. */
#define SEGTAB   0x20000
#define PT0      0x24000
#define PT1      0x24800
/* Stores count doublewords from base: value, then value + step, value + 2 * step, ... Uses r2,
 * r3 and r5. */
.macro fill_entries base, count, value, step
	lgfi	%r2, \base
	lghi	%r3, \count
	lghi	%r5, \value
.Lfill\@:
	stg	%r5, 0(%r2)
	la	%r2, 8(%r2)
	.if \step
	aghi	%r5, \step
	.endif
	brctg	%r3, .Lfill\@
.endm

.macro dat_tables
	fill_entries SEGTAB, 2048, 0x20, 0	/* segment-invalid bit */
	lgfi	%r2, SEGTAB
	lgfi	%r5, PT0
	stg	%r5, 0(%r2)
	lgfi	%r5, PT1
	stg	%r5, 8(%r2)
	fill_entries PT0, 256, 0, 0x1000
	fill_entries PT1, 256, 0x400, 0		/* page-invalid bit */
.endm

/* CR1: the segment-table ASCE of dat_tables (origin SEGTAB, DT 0, TL 3); then DAT on (PSW bit
 * 5, the old mask stored at RESULTS + 0x100). Uses r1. */
.macro dat_on
	larl	%r1, .Lasce\@
	lctlg	%c1, %c1, 0(%r1)
	stosm	RESULTS + 0x100, 0x04
	j	.Ldat_on\@
	.balign	8
.Lasce\@:
	.quad	SEGTAB + 3
.Ldat_on\@:
.endm
