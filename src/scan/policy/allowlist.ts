// SPDX-License-Identifier: Apache-2.0

/**
 * Callables real model files need, and that only rebuild data. Everything here was seen in files
 * written by torch.save, numpy, joblib and scikit-learn, or builds a standard-library value.
 * A name not listed here is never "safe by default": it is graded by how the stream uses it.
 */
const TORCH = [
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state', 'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_sparse_csr', 'torch._utils._rebuild_device_tensor_from_numpy', 'torch._utils._rebuild_qtensor',
  'torch._utils._rebuild_meta_tensor_no_storage', 'torch._utils._rebuild_wrapper_subclass', 'torch._utils._rebuild_nested_tensor',
  'torch._utils._rebuild_xla_tensor', 'torch._utils._rebuild_mps_tensor', 'torch._tensor._rebuild_from_type', 'torch._tensor._rebuild_from_type_v2',
  'torch.nn.parameter.Parameter', 'torch.nn.parameter.Buffer', 'torch.Size', 'torch.device', 'torch.dtype', 'torch.Tensor',
  'torch.storage.UntypedStorage', 'torch.storage.TypedStorage', 'torch.storage._load_from_bytes', 'torch.serialization._get_layout',
  'torch.strided', 'torch.sparse_coo', 'torch.sparse_csr', 'torch.sparse_csc', 'torch.sparse_bsr', 'torch.sparse_bsc', 'torch._mkldnn',
  'torch.contiguous_format', 'torch.channels_last', 'torch.channels_last_3d', 'torch.preserve_format',
  'torch.per_tensor_affine', 'torch.per_channel_affine', 'torch.per_tensor_symmetric', 'torch.per_channel_symmetric', 'torch.per_channel_affine_float_qparams',
];
const TORCH_TYPES = [
  'float32', 'float', 'float64', 'double', 'float16', 'half', 'bfloat16', 'complex32', 'complex64', 'complex128', 'cfloat', 'cdouble',
  'uint8', 'int8', 'int16', 'short', 'int32', 'int', 'int64', 'long', 'bool', 'qint8', 'quint8', 'qint32', 'quint4x2', 'quint2x4',
  'float8_e4m3fn', 'float8_e5m2', 'float8_e4m3fnuz', 'float8_e5m2fnuz', 'uint16', 'uint32', 'uint64',
];
const TORCH_STORAGES = [
  'Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool', 'ComplexFloat', 'ComplexDouble',
  'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4',
].map((t) => `torch.${t}Storage`);
/** Legacy tensor types (torch < 0.4 checkpoints name them as the original tensor type). */
const TORCH_TENSORS = [
  'Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool',
].map((t) => `torch.${t}Tensor`);
/** TorchScript's pickles rebuild lists and typed containers through these (torch/jit/_pickle.py). */
const TORCH_JIT = [
  'build_intlist', 'build_tensorlist', 'build_doublelist', 'build_boollist', 'build_genericlist', 'restore_type_tag',
].map((f) => `torch.jit._pickle.${f}`);

const NUMPY = [
  'numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct', 'numpy.core.multiarray.scalar', 'numpy._core.multiarray.scalar',
  'numpy.core.numeric._frombuffer', 'numpy._core.numeric._frombuffer', 'numpy.ndarray', 'numpy.dtype', 'numpy.ma.core._mareconstruct',
  'numpy.ma.core.MaskedArray', 'numpy.core.records.recarray', 'numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__bit_generator_ctor',
  'numpy.random._pickle.__generator_ctor', 'numpy.random.mtrand.RandomState', 'numpy.random._mt19937.MT19937', 'numpy.random._pcg64.PCG64',
  'numpy.random._generator.Generator', 'numpy.matrix', 'numpy.memmap',
];
const NUMPY_SCALARS = [
  'bool_', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'longdouble',
  'complex64', 'complex128', 'clongdouble', 'str_', 'bytes_', 'void', 'object_', 'datetime64', 'timedelta64', 'intc', 'intp', 'uintp',
];
const NUMPY_DTYPES = [
  'BoolDType', 'Int8DType', 'Int16DType', 'Int32DType', 'Int64DType', 'UInt8DType', 'UInt16DType', 'UInt32DType', 'UInt64DType',
  'Float16DType', 'Float32DType', 'Float64DType', 'LongDoubleDType', 'Complex64DType', 'Complex128DType', 'StrDType', 'BytesDType',
  'VoidDType', 'ObjectDType', 'DateTime64DType', 'TimeDelta64DType', 'LongDType', 'ULongDType', 'LongLongDType', 'ULongLongDType',
].map((t) => `numpy.dtypes.${t}`);

const STDLIB = [
  'builtins.set', 'builtins.frozenset', 'builtins.list', 'builtins.dict', 'builtins.tuple', 'builtins.bytearray', 'builtins.bytes',
  'builtins.complex', 'builtins.slice', 'builtins.range', 'builtins.object', 'builtins.int', 'builtins.float', 'builtins.str', 'builtins.bool',
  'builtins.NoneType', 'builtins.Ellipsis', 'builtins.NotImplemented',
  'collections.OrderedDict', 'collections.defaultdict', 'collections.Counter', 'collections.deque', 'collections.ChainMap',
  'copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__', '_codecs.encode',
  'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone',
  'decimal.Decimal', 'fractions.Fraction', 'uuid.UUID', 'uuid.SafeUUID', 'argparse.Namespace', 'types.SimpleNamespace',
  'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePosixPath', 'pathlib.PureWindowsPath', 'pathlib.Path',
  'enum.Enum', 're._compile', 'array._array_reconstructor', 'array.array', 'zoneinfo.ZoneInfo', 'ipaddress.IPv4Address', 'ipaddress.IPv6Address',
];

const SKLEARN = [
  'sklearn.tree._tree.Tree', 'sklearn.neighbors._kd_tree.KDTree', 'sklearn.neighbors._ball_tree.BallTree',
  'sklearn.neighbors._kd_tree.newObj', 'sklearn.neighbors._ball_tree.newObj', 'sklearn.utils._bunch.Bunch',
];
const SCIPY = ['scipy.sparse._csr.csr_matrix', 'scipy.sparse._csc.csc_matrix', 'scipy.sparse._coo.coo_matrix', 'scipy.sparse.csr.csr_matrix'];
const JOBLIB = ['joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle_compat.NDArrayWrapper', 'joblib.numpy_pickle_compat.ZNDArrayWrapper'];

/** Names that may be imported and called in any way. */
export const ALLOWED: ReadonlySet<string> = new Set([
  ...TORCH, ...TORCH_TYPES.map((t) => `torch.${t}`), ...TORCH_STORAGES, ...TORCH_TENSORS, ...TORCH_JIT,
  ...NUMPY, ...NUMPY_SCALARS.map((t) => `numpy.${t}`), ...NUMPY_DTYPES,
  ...STDLIB, ...SKLEARN, ...SCIPY, ...JOBLIB,
]);

/**
 * Module prefixes whose classes may be instantiated without arguments chosen by the stream
 * (NEWOBJ, copyreg reconstructors) and then given state: whole pickled models and estimators.
 * Their classes are still "unknown" when the stream calls them with REDUCE.
 */
export const CONSTRUCT_PREFIXES: readonly string[] = [
  // TorchScript class types: resolved against the archive's own compiled code, not Python imports.
  '__torch__.',
  'torch.nn.modules.', 'torch.nn.parameter', 'torch.optim.', 'sklearn.', 'scipy.sparse.', 'numpy.', 'collections.',
];
