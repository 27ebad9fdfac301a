// Assigned storage locations of the z/Architecture lowcore (PoP chapter 3, "Assigned Storage
// Locations"): real addresses, relative to the prefix.

export const LC_EXT_PARAMS = 0x80;
export const LC_EXT_CPU_ADDR = 0x84;
export const LC_EXT_INT_CODE = 0x86;
export const LC_SVC_ILC = 0x88;
export const LC_SVC_CODE = 0x8a;
export const LC_PGM_ILC = 0x8c;
export const LC_PGM_CODE = 0x8e;
export const LC_DATA_EXC_CODE = 0x90;
export const LC_EXC_ACCESS_ID = 0xa0;
export const LC_TRANS_EXC_CODE = 0xa8;
export const LC_SUBCHANNEL_ID = 0xb8;
export const LC_IO_INT_PARM = 0xbc;
export const LC_IO_INT_WORD = 0xc0;
export const LC_STFL_FAC_LIST = 0xc8;
export const LC_MCCK_CODE = 0xe8;
export const LC_BREAKING_EVENT = 0x110;

/** Old PSWs, 16 bytes each. */
export const LC_RESTART_OLD_PSW = 0x120;
export const LC_EXTERNAL_OLD_PSW = 0x130;
export const LC_SVC_OLD_PSW = 0x140;
export const LC_PROGRAM_OLD_PSW = 0x150;
export const LC_MCCK_OLD_PSW = 0x160;
export const LC_IO_OLD_PSW = 0x170;
/** New PSWs. */
export const LC_RESTART_NEW_PSW = 0x1a0;
export const LC_EXTERNAL_NEW_PSW = 0x1b0;
export const LC_SVC_NEW_PSW = 0x1c0;
export const LC_PROGRAM_NEW_PSW = 0x1d0;
export const LC_MCCK_NEW_PSW = 0x1e0;
export const LC_IO_NEW_PSW = 0x1f0;

/** Store-status save areas (SIGP store status, the IPL of a dump). */
export const LC_FPR_SAVE = 0x1200;
export const LC_GPR_SAVE = 0x1280;
export const LC_PSW_SAVE = 0x1300;
export const LC_PREFIX_SAVE = 0x1318;
export const LC_FPC_SAVE = 0x131c;
export const LC_TODPR_SAVE = 0x1324;
export const LC_CPU_TIMER_SAVE = 0x1328;
export const LC_CLOCK_COMP_SAVE = 0x1331;
export const LC_AR_SAVE = 0x1340;
export const LC_CR_SAVE = 0x1380;

/** External-interruption codes. */
export const EXT_CLOCK_COMPARATOR = 0x1004;
export const EXT_CPU_TIMER = 0x1005;
export const EXT_SERVICE_SIGNAL = 0x2401;
export const EXT_EMERGENCY_SIGNAL = 0x1201;
export const EXT_EXTERNAL_CALL = 0x1202;
