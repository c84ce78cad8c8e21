package io.rmote.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.rmote.MappingException;
import io.rmote.internal.wire.Tag;
import io.rmote.internal.wire.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The codecs of Python's containers, built around the codecs of their elements; {@link Codecs}
 * offers them. A mapping error inside names the index or key it happened at.
 */
final class ContainerCodecs {

  /** A list of values of one type; accepts a Python list, tuple or set. */
  static <E> ValueCodec<List<E>> list(ValueCodec<E> element) {
    return new ValueCodec<>() {
      @Override
      public List<E> decode(Kryo kryo, Input in, int tag) {
        switch (tag) {
          case Tag.NONE:
            return null;
          case Tag.LIST:
          case Tag.TUPLE:
          case Tag.SET:
            int n = Wire.readCount(in, 1);
            List<E> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              try {
                list.add(element.read(kryo, in, null));
              } catch (MappingException e) {
                throw e.atIndex(i);
              }
            }
            return list;
          default:
            throw mismatch(tag);
        }
      }

      @Override
      public void write(Kryo kryo, Output out, List<E> v) {
        if (v == null) {
          out.writeByte(Tag.NONE);
          return;
        }
        out.writeByte(Tag.LIST);
        Wire.writeInt(out, v.size());
        for (E e : v) element.write(kryo, out, e);
      }

      @Override
      public String javaType() {
        return "List<" + element.javaType() + ">";
      }
    };
  }

  /** A set of values of one type; accepts a Python set, list or tuple. */
  static <E> ValueCodec<Set<E>> set(ValueCodec<E> element) {
    ValueCodec<List<E>> asList = list(element);
    return new ValueCodec<>() {
      @Override
      public Set<E> decode(Kryo kryo, Input in, int tag) {
        List<E> l = asList.decode(kryo, in, tag);
        return l == null ? null : new LinkedHashSet<>(l);
      }

      @Override
      public void write(Kryo kryo, Output out, Set<E> v) {
        if (v == null) {
          out.writeByte(Tag.NONE);
          return;
        }
        out.writeByte(Tag.SET);
        Wire.writeInt(out, v.size());
        for (E e : v) element.write(kryo, out, e);
      }

      @Override
      public String javaType() {
        return "Set<" + element.javaType() + ">";
      }
    };
  }

  /** A dict; keeps the remote's order. */
  static <K, V> ValueCodec<Map<K, V>> map(ValueCodec<K> key, ValueCodec<V> value) {
    return new ValueCodec<>() {
      @Override
      public Map<K, V> decode(Kryo kryo, Input in, int tag) {
        if (tag == Tag.NONE) return null;
        if (tag != Tag.DICT) throw mismatch(tag);
        int n = Wire.readCount(in, 2);
        Map<K, V> map = new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1));
        for (int i = 0; i < n; i++) {
          K k = key.read(kryo, in, null);
          try {
            map.put(k, value.read(kryo, in, null));
          } catch (MappingException e) {
            throw e.atField(String.valueOf(k));
          }
        }
        return map;
      }

      @Override
      public void write(Kryo kryo, Output out, Map<K, V> v) {
        if (v == null) {
          out.writeByte(Tag.NONE);
          return;
        }
        out.writeByte(Tag.DICT);
        Wire.writeInt(out, v.size());
        for (Map.Entry<K, V> e : v.entrySet()) {
          key.write(kryo, out, e.getKey());
          value.write(kryo, out, e.getValue());
        }
      }

      @Override
      public String javaType() {
        return "Map<" + key.javaType() + ", " + value.javaType() + ">";
      }
    };
  }

  /** {@code None} as {@link Optional#empty()}, anything else through {@code inner}. */
  static <T> ValueCodec<Optional<T>> optional(ValueCodec<T> inner) {
    return new ValueCodec<>() {
      @Override
      public Optional<T> decode(Kryo kryo, Input in, int tag) {
        return tag == Tag.NONE
            ? Optional.empty()
            : Optional.ofNullable(inner.decode(kryo, in, tag));
      }

      @Override
      public void write(Kryo kryo, Output out, Optional<T> v) {
        if (v == null || v.isEmpty()) out.writeByte(Tag.NONE);
        else inner.write(kryo, out, v.get());
      }

      @Override
      public String javaType() {
        return "Optional<" + inner.javaType() + ">";
      }
    };
  }

  private ContainerCodecs() {}
}
