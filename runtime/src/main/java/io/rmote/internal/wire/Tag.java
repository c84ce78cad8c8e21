package io.rmote.internal.wire;

/** The one-byte tags that open every value on the wire; see {@code docs/wire-format.md}. */
public final class Tag {
  public static final int NONE = 0x00;
  public static final int FALSE = 0x01;
  public static final int TRUE = 0x02;
  public static final int INT32 = 0x03;
  public static final int INT64 = 0x04;
  public static final int BIGINT = 0x05;
  public static final int FLOAT = 0x06;
  public static final int STR = 0x07;
  public static final int BYTES = 0x08;
  public static final int LIST = 0x09;
  public static final int TUPLE = 0x0A;
  public static final int DICT = 0x0B;
  public static final int SET = 0x0C;
  public static final int DATACLASS = 0x0D;
  public static final int NAMEDTUPLE = 0x0E;
  public static final int ENUM = 0x0F;
  public static final int DATETIME = 0x10;
  public static final int DATE = 0x11;
  public static final int TIME = 0x12;
  public static final int TIMEDELTA = 0x13;
  public static final int PATH = 0x14;
  public static final int COMPLETED_PROCESS = 0x15;
  public static final int EXCEPTION = 0x16;
  public static final int TEMPLATE = 0x17;
  public static final int OPAQUE = 0x18;

  private static final String[] NAMES = {
    "None",
    "False",
    "True",
    "int",
    "int",
    "int",
    "float",
    "str",
    "bytes",
    "list",
    "tuple",
    "dict",
    "set",
    "dataclass",
    "namedtuple",
    "enum",
    "datetime",
    "date",
    "time",
    "timedelta",
    "path",
    "CompletedProcess",
    "exception",
    "Template",
    "opaque object"
  };

  /** The Python kind a tag stands for, for error messages. */
  public static String describe(int tag) {
    return tag >= 0 && tag < NAMES.length ? NAMES[tag] : String.format("unknown tag 0x%02x", tag);
  }

  private Tag() {}
}
