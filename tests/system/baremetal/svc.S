/* SVC 42: the SVC interruption code and ILC, the old PSW designating the next instruction. */
#include "bm.h"
	.text
	.globl	_start
_start:
	set_new_psw LC_SVC_NEW, wait_psw
	svc	42
	.globl	after_svc
after_svc:
	j	after_svc
	wait_psw_data
