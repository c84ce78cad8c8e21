import sys;sys.path=[p for p in sys.path if p]
import posix as o,binascii
M=('%x'%T).encode()
def r(n):
 s=b''
 while len(s)<n:
  c=o.read(0,n-len(s))
  if not c:sys.exit(2)
  s+=c
 return s
if sys.version_info<(3,6):o.write(1,M+b' old '+sys.version.split()[0].encode()+b'\n');sys.exit(3)
if K>0:
 s=r(K)
 try:
  import marshal,zlib
  if sys.implementation.name!='cpython' or sys.modules['_frozen_importlib_external'].MAGIC_NUMBER.hex()!=B:raise ImportError
  s=marshal.loads(zlib.decompress(binascii.a2b_base64(s)))
 except Exception:o.write(1,M+b' source\n')
 else:
  g={'__name__':'__rmote__','MARK':M}
  for c in s:exec(c,g)
try:from _lzma import LZMADecompressor as c;s=r(L)
except ImportError:r(L);o.write(1,M+b' zlib\n');from zlib import decompressobj as c;s=r(Z)
exec(c().decompress(binascii.a2b_base64(s)),{'__name__':'__rmote__','MARK':M,'K':K})
