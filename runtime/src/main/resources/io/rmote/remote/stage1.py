import sys;sys.path=[p for p in sys.path if p]
import os,binascii
M=('%x'%T).encode()
def r(n):
 s=b''
 while len(s)<n:
  c=os.read(0,n-len(s))
  if not c:sys.exit(2)
  s+=c
 return s
if sys.version_info<(3,6):os.write(1,M+b' old '+sys.version.split()[0].encode()+b'\n');sys.exit(3)
try:import lzma as c;s=r(L)
except ImportError:r(L);os.write(1,M+b' zlib\n');import zlib as c;s=r(Z)
exec(c.decompress(binascii.a2b_base64(s)),{'__name__':'__rmote__','MARK':M})
