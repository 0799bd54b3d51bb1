// SPDX-License-Identifier: Apache-2.0
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PickleBuilder, u64 } from '../../support/pickle-builder.js';
import { scanBytes, toVerdicts } from '../../support/scan-bytes.js';

function evil(): PickleBuilder {
  return new PickleBuilder().proto(2).call('os', 'system', 'echo citadel');
}

describe('pickle machine: what is imported and called', () => {
  it('reports a denied callable called through REDUCE as critical, at the REDUCE offset', async () => {
    const bytes = evil().stop().toBytes();
    const { findings } = await scanBytes(bytes);
    expect(toVerdicts(findings)).toEqual(['critical:CITADEL-PICKLE-DANGEROUS-CALL']);
    expect(findings[0]?.message).toContain('os.system');
    expect(findings[0]?.location.offset).toBe(bytes.indexOf(0x52));
  });

  it('resolves names routed through the memo before STACK_GLOBAL', async () => {
    const b = new PickleBuilder().proto(4).unicode('subprocess').binput(7).unicode('check_output').binput(9)
      .binget(7).binget(9).raw(0x93).unicode('id').tuple1().reduce().stop();
    const { findings } = await scanBytes(b.toBytes());
    expect(findings.map((f) => f.detail?.['module'])).toContain('subprocess');
  });

  it('grades an unknown callable that is called as high and one only instantiated as medium', async () => {
    const called = new PickleBuilder().proto(2).call('uuid', '_get_command_stdout', 'ls').stop();
    expect(toVerdicts((await scanBytes(called.toBytes())).findings)).toEqual(['critical:CITADEL-PICKLE-DANGEROUS-CALL']);
    const unknown = new PickleBuilder().proto(2).call('somepkg.tools', 'run', 'x').stop();
    expect(toVerdicts((await scanBytes(unknown.toBytes())).findings)).toEqual(['high:CITADEL-PICKLE-UNKNOWN-CALL']);
    const newobj = new PickleBuilder().proto(2).global('somepkg.models', 'Net').emptyTuple().raw(0x81).emptyDict().build().stop();
    expect(toVerdicts((await scanBytes(newobj.toBytes())).findings)).toEqual(['medium:CITADEL-PICKLE-UNKNOWN-IMPORT']);
  });

  it('judges getattr(__import__("os"), "system") by the name it resolves to', async () => {
    const b = new PickleBuilder().proto(2).global('builtins', 'getattr')
      .global('builtins', '__import__').unicode('os').tuple1().reduce()
      .unicode('system').tuple2().reduce().unicode('id').tuple1().reduce().stop();
    const { findings } = await scanBytes(b.toBytes());
    const names = findings.map((f) => `${String(f.detail?.['module'])}.${String(f.detail?.['name'])}`);
    expect(names).toContain('os.system');
    expect(findings.find((f) => f.detail?.['name'] === 'system')?.severity).toBe('critical');
  });

  it('follows functools.partial to the callable it wraps', async () => {
    const b = new PickleBuilder().proto(2).global('functools', 'partial').global('mypkg', 'launch').tuple1().reduce()
      .emptyTuple().reduce().stop();
    const { findings } = await scanBytes(b.toBytes());
    const launch = findings.find((f) => f.detail?.['name'] === 'launch');
    expect(launch?.severity).toBe('high');
  });

  it('applies py2 name mapping for protocols below 3 (__builtin__.eval is builtins.eval)', async () => {
    const b = new PickleBuilder().global('__builtin__', 'eval').mark().text("S'1+1'\n").raw(0x74).reduce().stop();
    const { findings } = await scanBytes(b.toBytes());
    expect(findings[0]?.detail?.['module']).toBe('builtins');
    expect(findings[0]?.severity).toBe('critical');
  });

  it('decodes STRING operands with escapes as names for STACK_GLOBAL', async () => {
    const b = new PickleBuilder().proto(4).text("S'o\\x73'\n").text("S'sys\\164em'\n").raw(0x93).unicode('id').tuple1().reduce().stop();
    const { findings } = await scanBytes(b.toBytes());
    expect(findings[0]?.message).toContain('os.system');
  });

  it('reports INST and OBJ as calls', async () => {
    const inst = new PickleBuilder().mark().text("S'id'\n").text('ios\nsystem\n').stop();
    expect((await scanBytes(inst.toBytes())).findings[0]?.detail?.['uses']).toContain('call');
    const obj = new PickleBuilder().mark().global('mypkg', 'Thing').text("S'x'\n").raw(0x6f).stop();
    expect(toVerdicts((await scanBytes(obj.toBytes())).findings)).toEqual(['high:CITADEL-PICKLE-UNKNOWN-CALL']);
  });

  it('flags BUILD that rewrites attributes of an imported global', async () => {
    const b = new PickleBuilder().proto(2).global('collections', 'OrderedDict').emptyDict().unicode('__reduce__').global('os', 'system').raw(0x73).build().stop();
    const { findings } = await scanBytes(b.toBytes());
    expect(findings.some((f) => f.detail?.['anomaly'] === 'build-on-global' && f.severity === 'high')).toBe(true);
  });

  it('treats EXT codes as unknown imports, and high once called', async () => {
    const ref = new PickleBuilder().proto(2).raw(0x82, 7).raw(0x30).none().stop();
    expect(toVerdicts((await scanBytes(ref.toBytes())).findings)).toEqual(['medium:CITADEL-PICKLE-UNKNOWN-IMPORT']);
    const called = new PickleBuilder().proto(2).raw(0x83, 1, 2).unicode('x').tuple1().reduce().stop();
    expect(toVerdicts((await scanBytes(called.toBytes())).findings)).toEqual(['high:CITADEL-PICKLE-UNKNOWN-CALL']);
  });
});

describe('pickle machine: streams that break or continue', () => {
  it('reports the call that ran before a stream breaks, and the break itself as high', async () => {
    const b = evil().raw(0xff).toBytes();
    const verdicts = toVerdicts((await scanBytes(b)).findings);
    expect(verdicts).toEqual(['critical:CITADEL-PICKLE-DANGEROUS-CALL', 'high:CITADEL-PICKLE-MALFORMED']);
  });

  it('reports a truncated stream without a call as low', async () => {
    const b = new PickleBuilder().proto(2).emptyDict().unicode('a').int(1).toBytes();
    expect(toVerdicts((await scanBytes(b)).findings)).toEqual(['low:CITADEL-PICKLE-MALFORMED']);
  });

  it('scans a second pickle after the first STOP', async () => {
    const first = new PickleBuilder().proto(2).emptyDict().stop().toBytes();
    const second = evil().stop().toBytes();
    const { findings } = await scanBytes(Buffer.concat([first, second]));
    expect(findings[0]?.location.offset).toBeGreaterThan(first.length);
    expect(findings[0]?.severity).toBe('critical');
  });

  it('reports bytes after the last pickle that are not a pickle as low', async () => {
    const b = Buffer.concat([new PickleBuilder().proto(2).emptyDict().stop().toBytes(), Buffer.from('\xff\xfe garbage', 'latin1')]);
    expect(toVerdicts((await scanBytes(b)).findings)).toEqual(['low:CITADEL-PICKLE-TRAILING']);
  });

  it('scans pickles inside bytes arguments: plain, base64 and hex', async () => {
    const inner = evil().stop().toBytes();
    const plain = new PickleBuilder().proto(3).global('pickle', 'loads').bytes(inner).tuple1().reduce().stop();
    const b64 = new PickleBuilder().proto(3).global('pickle', 'loads').global('base64', 'b64decode').unicode(Buffer.from(inner).toString('base64')).tuple1().reduce().tuple1().reduce().stop();
    const hex = new PickleBuilder().proto(3).global('_pickle', 'loads').unicode(Buffer.from(inner).toString('hex')).tuple1().reduce().stop();
    for (const b of [plain, b64, hex]) {
      const { findings } = await scanBytes(b.toBytes());
      const nested = findings.filter((f) => f.location.entry?.length);
      expect(nested.map((f) => f.detail?.['name'])).toContain('system');
    }
  });

  it('scans a pickle written as protocol 2 bytes (_codecs.encode of latin-1 text)', async () => {
    const inner = Buffer.from(evil().stop().toBytes()).toString('latin1');
    const b = new PickleBuilder().proto(2).global('pickle', 'loads').global('_codecs', 'encode').binunicode(inner).unicode('latin1').tuple2().reduce().tuple1().reduce().stop();
    const bytes = b.toBytes();
    const { findings } = await scanBytes(bytes);
    const nested = findings.find((f) => f.location.entry?.length);
    // The outer REDUCE (the pickle.loads call) is the opcode before STOP.
    expect(nested?.location.entry).toEqual([`pickle.loads argument (offset ${bytes.length - 2})`]);
    expect(nested?.detail?.['name']).toBe('system');
  });

  it('scans a zlib-compressed pickle handed to a loader', async () => {
    const inner = evil().stop().toBytes();
    const b = new PickleBuilder().proto(3).global('pickle', 'loads').global('zlib', 'decompress').bytes(deflateSync(inner)).tuple1().reduce().tuple1().reduce().stop();
    const { findings } = await scanBytes(b.toBytes());
    expect(findings.some((f) => f.location.entry?.length && f.detail?.['name'] === 'system')).toBe(true);
  });

  it('stops with a limit finding on a stack deeper than the bound', async () => {
    const b = new PickleBuilder().proto(2);
    for (let i = 0; i < 200; i++) b.mark();
    const { findings } = await scanBytes(b.stop().toBytes(), 'deep.pkl', { maxStackDepth: 100 });
    expect(toVerdicts(findings)).toEqual(['medium:CITADEL-SCAN-LIMIT']);
  });

  it('skips joblib array bytes so that what follows them is scanned', async () => {
    // NumpyArrayWrapper state: shape (4,), dtype numpy.dtype('f8') with state, alignment padding.
    const dtype = new PickleBuilder().global('numpy', 'dtype').unicode('f8').raw(0x89, 0x88).raw(0x87).reduce()
      .mark().int(3).unicode('<').none().none().none().raw(0x4a, 0xff, 0xff, 0xff, 0xff).raw(0x4a, 0xff, 0xff, 0xff, 0xff).int(0).raw(0x74).build();
    const wrapper = new PickleBuilder().proto(2).global('joblib.numpy_pickle', 'NumpyArrayWrapper').emptyTuple().raw(0x81)
      .emptyDict().mark().unicode('shape').int(4).tuple1().unicode('dtype').raw(...dtype.toBytes()).unicode('numpy_array_alignment_bytes').int(16).setitems().build();
    const arrayBytes = Array.from({ length: 32 }, () => 0xff);
    const tail = evil().raw(0x86).stop();
    const bytes = new PickleBuilder().raw(...wrapper.toBytes()).raw(3, 0, 0, 0).raw(...arrayBytes).raw(...tail.toBytes().slice(2)).toBytes();
    const { findings } = await scanBytes(bytes, 'model.joblib');
    expect(toVerdicts(findings)).toContain('critical:CITADEL-PICKLE-DANGEROUS-CALL');
    expect(toVerdicts(findings)).not.toContain('high:CITADEL-PICKLE-MALFORMED');

    // The same wrapper whose padding and array bytes are opcodes: clean to joblib.load, code to
    // pickle.load. The padding-length byte 0x28 is also MARK, so pickle.load reads on from there.
    const opcodes = new PickleBuilder().global('os', 'system').toBytes();
    const padding = [...opcodes, ...Array.from({ length: 0x28 - opcodes.length }, () => 0x4e)];
    const twoFaced = new PickleBuilder().raw(...wrapper.toBytes()).raw(0x28, ...padding).raw(...Array.from({ length: 32 }, () => 0x4e)).raw(0x86, 0x2e).toBytes();
    const plain = await scanBytes(twoFaced, 'two-faced.joblib');
    expect(plain.findings.some((f) => f.detail?.['anomaly'] === 'joblib-array-opcodes' && f.severity === 'high')).toBe(true);
  });

  it('accepts 8-byte lengths and refuses ones past the end of data', async () => {
    const b = new PickleBuilder().proto(4).raw(0x8e, ...u64(2 ** 40)).toBytes();
    expect(toVerdicts((await scanBytes(b)).findings)).toEqual(['low:CITADEL-PICKLE-MALFORMED']);
  });
});

describe('pickle machine: benign streams', () => {
  it('passes torch-style rebuild calls and collections', async () => {
    const b = new PickleBuilder().proto(2).global('collections', 'OrderedDict').emptyTuple().reduce()
      .global('torch._utils', '_rebuild_tensor_v2').mark().unicode('x').raw(0x74).reduce().raw(0x30).stop();
    expect((await scanBytes(b.toBytes())).findings).toEqual([]);
  });

  it('says a file that is not a pickle is not a model', async () => {
    const { findings } = await scanBytes(Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'), 'image.pt');
    expect(toVerdicts(findings)).toEqual(['info:CITADEL-NOT-A-MODEL']);
  });
});
