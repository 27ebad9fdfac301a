/**
 * Every way a Secure Execution image can be refused. The Ultravisor reports all of them to
 * the guest as the same architected diag 308 failure (rc 0x0a02); the code and the one-line
 * message are for the person looking at the host side.
 */
export type SeErrorCode =
  | 'header-size'
  | 'header-magic'
  | 'header-version'
  | 'header-layout'
  | 'pcf-unsupported'
  | 'scf-unsupported'
  | 'no-key-slot'
  | 'customer-key'
  | 'key-slot-unwrap'
  | 'header-auth'
  | 'optional-items'
  | 'xts-key'
  | 'ipib-invalid'
  | 'page-range'
  | 'verify-failed'
  | 'image-layout'
  | 'host-key'
  | 'host-key-document';

export class SeError extends Error {
  override readonly name = 'SeError';
  constructor(
    readonly code: SeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Narrow an unknown throw to its one-line message, for CLI output. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? '';
}
