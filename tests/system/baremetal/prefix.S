/* Prefixing: SPX moves the lowcore to absolute 0x8000. Real 0-0x1fff then means absolute
 * 0x8000-0x9fff (and the reverse); the SVC interruption uses the new lowcore. */
#include "bm.h"
#define PREFIX 0x8000
	.text
	.globl	_start
_start:
	lgfi	%r2, PREFIX
	larl	%r1, wait_psw			/* absolute = real while the prefix is 0 */
	mvc	LC_SVC_NEW(16,%r2), 0(%r1)
	larl	%r1, prefix
	spx	0(%r1)
	stpx	RESULTS				/* real 0xe00: absolute 0x8e00 */
	mvi	0x10, 0xaa			/* real 0x10: absolute 0x8010 */
	mvi	0x10(%r2), 0xbb			/* real 0x8010: absolute 0x10 */
	svc	7
	.globl	after_svc
after_svc:
	j	after_svc
	wait_psw_data
prefix:
	.long	PREFIX
