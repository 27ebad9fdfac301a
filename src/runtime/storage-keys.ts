// Storage keys: one byte per 4 KiB block of absolute storage, laid out as the PoP's key byte
// (access-control bits 0-3, fetch-protection bit 4, reference bit 5, change bit 6).

export const KEY_ACC = 0xf0;
export const KEY_FETCH = 0x08;
export const KEY_REF = 0x04;
export const KEY_CHANGE = 0x02;

export class StorageKeys {
  readonly keys: Uint8Array;

  constructor(storageSize: number) {
    this.keys = new Uint8Array(Math.ceil(storageSize / 4096));
  }

  /** Whether an access with PSW key `key` to the block at absolute a is permitted (key-controlled
   *  protection: key 0 matches everything; a fetch is refused only with the fetch-protection bit). */
  permits(a: number, key: number, store: boolean): boolean {
    if (key === 0) return true;
    const k = this.keys[Math.floor(a / 4096)];
    if ((k >>> 4) === key) return true;
    return !store && (k & KEY_FETCH) === 0;
  }

  /** Records the reference (and for a store, change) bit of the block at absolute a. */
  touch(a: number, store: boolean): void {
    this.keys[Math.floor(a / 4096)] |= store ? KEY_REF | KEY_CHANGE : KEY_REF;
  }
}
