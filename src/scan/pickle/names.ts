// SPDX-License-Identifier: Apache-2.0

/**
 * Python 2 names that CPython's unpickler rewrites for protocols < 3 (Lib/_compat_pickle.py,
 * applied in Unpickler.find_class when fix_imports is on, the default). The policy judges the
 * name the loader will actually import.
 */
const IMPORT_MAPPING: Readonly<Record<string, string>> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  cPickle: 'pickle',
  _elementtree: 'xml.etree.ElementTree',
  exceptions: 'builtins',
  commands: 'subprocess',
  UserDict: 'collections',
  UserList: 'collections',
  UserString: 'collections',
  cStringIO: 'io',
  StringIO: 'io',
  Queue: 'queue',
  urllib2: 'urllib.request',
  httplib: 'http.client',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  repr: 'reprlib',
  whichdb: 'dbm',
  anydbm: 'dbm',
  SocketServer: 'socketserver',
  ConfigParser: 'configparser',
  HTMLParser: 'html.parser',
  cookielib: 'http.cookiejar',
  xmlrpclib: 'xmlrpc.client',
  SimpleXMLRPCServer: 'xmlrpc.server',
  Tkinter: 'tkinter',
  markupbase: '_markupbase',
  _winreg: 'winreg',
};

const NAME_MAPPING: Readonly<Record<string, readonly [string, string]>> = {
  '__builtin__.xrange': ['builtins', 'range'],
  '__builtin__.reduce': ['functools', 'reduce'],
  '__builtin__.intern': ['sys', 'intern'],
  '__builtin__.unichr': ['builtins', 'chr'],
  '__builtin__.unicode': ['builtins', 'str'],
  '__builtin__.long': ['builtins', 'int'],
  '__builtin__.basestring': ['builtins', 'str'],
  '__builtin__.raw_input': ['builtins', 'input'],
  'itertools.izip': ['builtins', 'zip'],
  'itertools.imap': ['builtins', 'map'],
  'itertools.ifilter': ['builtins', 'filter'],
  'itertools.ifilterfalse': ['itertools', 'filterfalse'],
  'itertools.izip_longest': ['itertools', 'zip_longest'],
  'UserDict.IterableUserDict': ['collections', 'UserDict'],
  'UserList.UserList': ['collections', 'UserList'],
  'socket._socketobject': ['socket', 'SocketType'],
};

/** @returns [module, name] as find_class would import them for a stream of `protocol`. */
export function toLoadedName(module: string, name: string, protocol: number): readonly [string, string] {
  if (protocol >= 3) return [module, name];
  const mapped = NAME_MAPPING[`${module}.${name}`];
  if (mapped) return mapped;
  return [IMPORT_MAPPING[module] ?? module, name];
}
