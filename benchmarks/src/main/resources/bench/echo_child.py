# The baseline: the least a Python peer can do with our frames. It echoes every frame back, and
# answers a frame of kind 9 (body: a size in ASCII) with that many bytes, cut into 4 MiB frames.
import os
import struct

H = struct.Struct(">IBBI")
CHUNK = 4 << 20
r = os.fdopen(0, "rb", buffering=65536)


def write_all(data):
    view = memoryview(data)
    while view:
        view = view[os.write(1, view):]


while True:
    h = r.read(10)
    if len(h) < 10:
        break
    n, kind, flags, pid = H.unpack(h)
    body = r.read(n - 6)
    if kind == 9:
        size = int(body)
        blob = bytes(size)
        view = memoryview(blob)
        for at in range(0, size, CHUNK):
            part = view[at:at + CHUNK]
            more = 1 if at + CHUNK < size else 0
            write_all(H.pack(len(part) + 6, 3, more, pid))
            write_all(part)
    else:
        write_all(h + body)
