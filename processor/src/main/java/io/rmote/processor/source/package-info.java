/**
 * Stage one of the processor: reading a Python tool source without a Python interpreter. The
 * scanner understands what the checks need (classes, bases, decorators, {@code def} and {@code
 * async def} signatures, defaults, annotations, dataclass fields, enum members, namedtuples) and
 * skips everything else, comments and strings included.
 */
package io.rmote.processor.source;
