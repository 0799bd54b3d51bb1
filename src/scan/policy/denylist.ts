// SPDX-License-Identifier: Apache-2.0

/**
 * Modules whose every callable is dangerous in a model file, with the reason shown to the user.
 * A module matches itself and its submodules ("os" matches "os.path").
 */
export const DENIED_MODULES: Readonly<Record<string, string>> = {
  os: 'runs commands and touches the file system', posix: 'runs commands (os on POSIX)', nt: 'runs commands (os on Windows)',
  posixpath: 'file-system access', ntpath: 'file-system access', subprocess: 'runs commands', _posixsubprocess: 'runs commands',
  commands: 'runs commands', popen2: 'runs commands', pty: 'spawns a shell', runpy: 'runs Python modules and code',
  code: 'runs Python source', codeop: 'compiles Python source', ctypes: 'calls native code', _ctypes: 'calls native code',
  cffi: 'calls native code', socket: 'opens network connections', _socket: 'opens network connections', ssl: 'opens network connections',
  http: 'opens network connections', urllib: 'fetches URLs', urllib2: 'fetches URLs', requests: 'fetches URLs', httpx: 'fetches URLs',
  ftplib: 'opens network connections', smtplib: 'sends mail', telnetlib: 'opens network connections', xmlrpc: 'remote calls',
  webbrowser: 'opens a browser on a URL', shutil: 'copies and deletes files', tempfile: 'creates files', glob: 'lists files',
  fileinput: 'reads files', io: 'opens files', _io: 'opens files', importlib: 'imports arbitrary modules', imp: 'imports arbitrary modules',
  pkgutil: 'imports arbitrary modules', zipimport: 'imports code from archives', pip: 'installs and runs packages',
  setuptools: 'builds and runs packages', distutils: 'builds and runs packages', ensurepip: 'installs packages', venv: 'creates environments',
  site: 'alters import paths', sys: 'interpreter internals', marshal: 'loads code objects', pickle: 'unpickles more data (nested payload)',
  _pickle: 'unpickles more data (nested payload)', cPickle: 'unpickles more data (nested payload)', dill: 'unpickles code',
  cloudpickle: 'unpickles code', shelve: 'unpickles files', joblib: 'loads pickles', multiprocessing: 'starts processes',
  concurrent: 'starts processes and threads', threading: 'starts threads', _thread: 'starts threads', asyncio: 'starts subprocesses and connections',
  signal: 'changes signal handlers', cProfile: 'runs Python source', profile: 'runs Python source', pdb: 'runs Python source',
  bdb: 'runs Python source', trace: 'runs Python source', timeit: 'runs Python source', doctest: 'runs Python source',
  pydoc: 'runs a pager command', idlelib: 'runs Python source', inspect: 'reaches any object', gc: 'reaches any object',
  types: 'builds functions and code objects', operator: 'calls attributes by name (attrgetter, methodcaller)',
  logging: 'writes files and can listen for configuration code', sqlite3: 'writes files',
  tarfile: 'extracts archives', zipfile: 'extracts archives', platform: 'runs commands', sysconfig: 'interpreter internals',
  fcntl: 'file descriptors', resource: 'process limits', mmap: 'maps memory', 'torch.hub': 'downloads and runs code',
  'torch.utils.collect_env': 'runs commands', 'torch.utils.cpp_extension': 'compiles and loads native code', 'torch.package': 'loads packaged code',
  'torch.jit': 'loads TorchScript', 'torch.distributed': 'opens network connections', 'torch._dynamo': 'compiles and runs code',
  'torch._inductor': 'compiles and runs code', 'torch.ops': 'calls registered operators', 'torch.serialization': 'loads more data',
  'numpy.testing': 'runs Python source', 'numpy.f2py': 'compiles and runs code', 'numpy.distutils': 'builds and runs code',
  'keras.utils': 'downloads files', 'tensorflow.io': 'reads and writes files', jinja2: 'renders templates', yaml: 'can construct objects',
};

/** Single callables that are dangerous where their module is not. */
export const DENIED_NAMES: Readonly<Record<string, string>> = {
  'builtins.eval': 'evaluates Python source', 'builtins.exec': 'executes Python source', 'builtins.compile': 'compiles Python source',
  'builtins.open': 'opens files', 'builtins.__import__': 'imports arbitrary modules', 'builtins.getattr': 'reaches attributes by name',
  'builtins.setattr': 'rewrites attributes', 'builtins.delattr': 'deletes attributes', 'builtins.globals': 'reaches interpreter state',
  'builtins.locals': 'reaches interpreter state', 'builtins.vars': 'reaches interpreter state', 'builtins.input': 'reads the terminal',
  'builtins.breakpoint': 'starts a debugger', 'builtins.help': 'runs a pager', 'builtins.exit': 'stops the process', 'builtins.quit': 'stops the process',
  'builtins.execfile': 'executes a file', 'builtins.file': 'opens files', 'builtins.reload': 'reloads modules', 'builtins.apply': 'calls any callable',
  'builtins.map': 'applies a callable', 'builtins.filter': 'applies a callable', 'builtins.memoryview': 'raw memory access',
  'builtins.type': 'builds classes', 'builtins.super': 'reaches parent methods', 'builtins.classmethod': 'wraps callables',
  'builtins.staticmethod': 'wraps callables', 'builtins.property': 'wraps callables', 'functools.reduce': 'applies a callable',
  'functools.partial': 'wraps a callable for a later call', '_functools.reduce': 'applies a callable',
  'uuid._get_command_stdout': 'runs commands', 'uuid._popen': 'runs commands', 'uuid._find_mac': 'runs commands',
  'numpy.load': 'loads pickles', 'numpy.fromfile': 'reads files', 'numpy.save': 'writes files', 'numpy.savetxt': 'writes files',
  'numpy.loadtxt': 'reads files', 'numpy.memmap.__new__': 'maps files', 'torch.load': 'loads pickles', 'torch.save': 'writes files',
  'torch.from_file': 'reads files', 'torch.storage._load_from_bytes.__globals__': 'interpreter internals',
  'pandas.read_pickle': 'loads pickles', 'pandas.read_csv': 'reads files and URLs', 'pandas.io.pickle.read_pickle': 'loads pickles',
  'copyreg.add_extension': 'rewrites the extension registry',
  'codecs.open': 'opens files', 'linecache.getline': 'reads files', 'linecache.getlines': 'reads files',
};

/** Attributes that walk from any object to the interpreter: their presence in a name is an escape. */
export const ESCAPE_ATTRIBUTES: ReadonlySet<string> = new Set([
  '__globals__', '__builtins__', '__subclasses__', '__class__', '__bases__', '__base__', '__mro__', '__code__', '__dict__',
  '__getattribute__', '__import__', '__loader__', '__spec__', '__self__', '__func__', '__closure__', '__reduce__', '__reduce_ex__',
  '__setattr__', '__delattr__', '__init_subclass__', '__call__', 'mro', 'func_globals', 'gi_frame', 'f_globals', 'f_locals', 'f_back',
]);
