// SIGNAL PROCESSOR for a configuration of one CPU (address 0). The orders are decoded here so
// more CPUs only need the target lookup; an address with no CPU is not operational (CC 3).
import type { Machine } from '../machine.js';

export const enum SigpOrder {
  Sense = 0x01,
  ExternalCall = 0x02,
  EmergencySignal = 0x03,
  Start = 0x04,
  Stop = 0x05,
  Restart = 0x06,
  StopAndStoreStatus = 0x09,
  InitialCpuReset = 0x0b,
  CpuReset = 0x0c,
  SetPrefix = 0x0d,
  StoreStatusAtAddress = 0x0e,
  SetArchitecture = 0x12,
  ConditionalEmergencySignal = 0x13,
  SenseRunningStatus = 0x15,
}

/** Status bits stored in R1 bits 32-63 with CC 1. */
const STATUS_INVALID_ORDER = 0x002;
const STATUS_EXT_CALL_PENDING = 0x080;
const STATUS_INVALID_PARAMETER = 0x100;
const STATUS_INCORRECT_STATE = 0x200;

export interface SigpResult {
  readonly cc: number;
  readonly status?: number;
}

const ACCEPTED: SigpResult = { cc: 0 };

function stored(status: number): SigpResult {
  return { cc: 1, status };
}

/** The orders implemented for one CPU take no parameter (set prefix and store status at address
 *  are refused for a running CPU), so R1's parameter register is not read. */
export function signalProcessor(m: Machine, order: number, cpuAddress: number): SigpResult {
  if (cpuAddress !== m.cpuAddress) return { cc: 3 };
  switch (order) {
    case SigpOrder.Sense:
    case SigpOrder.SenseRunningStatus:
    case SigpOrder.Start:
    case SigpOrder.InitialCpuReset:
    case SigpOrder.CpuReset:
      return ACCEPTED;
    case SigpOrder.ExternalCall:
      if (m.externalCall) return stored(STATUS_EXT_CALL_PENDING);
      m.externalCall = true;
      return ACCEPTED;
    case SigpOrder.EmergencySignal:
    case SigpOrder.ConditionalEmergencySignal:
      m.emergencySignal = true;
      return ACCEPTED;
    case SigpOrder.Stop:
    case SigpOrder.StopAndStoreStatus:
      m.stopped = true;
      return ACCEPTED;
    case SigpOrder.Restart:
      m.restartPending = true;
      return ACCEPTED;
    case SigpOrder.SetPrefix:
    case SigpOrder.StoreStatusAtAddress:
      // Only a stopped CPU accepts these, and the CPU issuing the order is running.
      return stored(STATUS_INCORRECT_STATE);
    case SigpOrder.SetArchitecture:
      // This machine is always in the z/Architecture mode (as with CZAM): the order is refused.
      return stored(STATUS_INVALID_PARAMETER);
    default:
      return stored(STATUS_INVALID_ORDER);
  }
}
