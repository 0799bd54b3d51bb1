// SPDX-License-Identifier: Apache-2.0
/** Hand-assembles pickle streams opcode by opcode, so tests need no Python. */
export class PickleBuilder {
  private readonly parts: number[] = [];

  raw(...bytes: number[]): this {
    this.parts.push(...bytes);
    return this;
  }

  text(s: string): this {
    return this.raw(...Buffer.from(s, 'latin1'));
  }

  proto(n: number): this {
    return this.raw(0x80, n);
  }

  global(module: string, name: string): this {
    return this.text(`c${module}\n${name}\n`);
  }

  unicode(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return b.length < 256 ? this.raw(0x8c, b.length, ...b) : this.raw(0x58, ...u32(b.length), ...b);
  }

  binunicode(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.raw(0x58, ...u32(b.length), ...b);
  }

  bytes(b: Uint8Array): this {
    return b.length < 256 ? this.raw(0x43, b.length, ...b) : this.raw(0x42, ...u32(b.length), ...b);
  }

  stackGlobal(module: string, name: string): this {
    return this.unicode(module).unicode(name).raw(0x93);
  }

  int(n: number): this {
    return n >= 0 && n < 256 ? this.raw(0x4b, n) : this.raw(0x4a, ...u32(n >>> 0));
  }

  tuple1(): this { return this.raw(0x85); }
  tuple2(): this { return this.raw(0x86); }
  reduce(): this { return this.raw(0x52); }
  mark(): this { return this.raw(0x28); }
  memoize(): this { return this.raw(0x94); }
  binput(i: number): this { return this.raw(0x71, i); }
  binget(i: number): this { return this.raw(0x68, i); }
  build(): this { return this.raw(0x62); }
  none(): this { return this.raw(0x4e); }
  emptyDict(): this { return this.raw(0x7d); }
  emptyTuple(): this { return this.raw(0x29); }
  setitems(): this { return this.raw(0x75); }
  stop(): this { return this.raw(0x2e); }

  /** `module.name(arg)` via GLOBAL + TUPLE1 + REDUCE. */
  call(module: string, name: string, arg: string): this {
    return this.global(module, name).unicode(arg).tuple1().reduce();
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

export function u64(n: number): number[] {
  return [...u32(n % 0x100000000), ...u32(Math.floor(n / 0x100000000))];
}
