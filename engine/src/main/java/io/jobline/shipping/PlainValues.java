package io.jobline.shipping;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link Shipping}: a compact encoding of the values most calls carry — {@code null}, booleans,
 * numbers ({@code Integer}, {@code Long}, {@code Double}, {@code Float}, {@code Short}, {@code Byte},
 * {@code BigInteger}, {@code BigDecimal}), {@code Character}s, {@code String}s, {@code byte[]}, and {@code ArrayList}s, {@code LinkedHashMap}s, {@code HashMap}s and
 * {@code Object[]}s of those. Java serialization spends tens of microseconds on an {@code ObjectOutputStream} and its
 * class descriptors for such a value; this spends well under one.
 *
 * <p>A value is encoded only when it is exactly of those classes (a subclass of {@code ArrayList} is not: it may
 * carry state or behaviour of its own), nests at most {@link #MAX_DEPTH} deep, and holds no container twice (Java
 * serialization keeps shared references and cycles; this encoding would not). Anything else makes {@link #encode}
 * return {@code null}, and Java serialization carries the value. Decoding gives values of the same classes, equal
 * to the originals; strings keep every char (unpaired surrogates included).
 *
 * <p>Encoding: {@link #FORMAT}, then the value: a tag byte and its content, big-endian. Java serialization's
 * stream starts with {@code 0xACED}, so the first byte tells the two apart.
 */
final class PlainValues {

    /** The first byte of an encoded value; never 0xAC, the first of a Java serialization stream. */
    static final byte FORMAT = 'P';
    static final int MAX_DEPTH = 32;

    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte SHORT = 7;
    private static final byte BYTE = 8;
    private static final byte CHAR = 9;
    private static final byte LATIN1_STRING = 10;
    private static final byte UTF16_STRING = 11;
    private static final byte BIG_INTEGER = 12;
    private static final byte BIG_DECIMAL = 13;
    private static final byte BYTES = 14;
    private static final byte ARRAY_LIST = 20;
    private static final byte LINKED_HASH_MAP = 21;
    private static final byte HASH_MAP = 22;
    private static final byte OBJECTS = 23;

    /** Thrown inside {@link #encode} when the value is not plain; never escapes. */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private PlainValues() {
    }

    /** @return whether {@code bytes} were written by {@link #encode} */
    static boolean isPlain(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == FORMAT;
    }

    /** @return {@code value} encoded, or {@code null} if it is not a plain value (see the class comment) */
    static byte[] encode(Object value) {
        Out out = new Out();
        out.put(FORMAT);
        try {
            out.value(value, 0);
        } catch (NotPlain e) {
            return null;
        }
        return out.bytes();
    }

    /** @throws IOException if {@code bytes} are not an encoded value */
    static Object decode(byte[] bytes) throws IOException {
        In in = new In(bytes);
        if (in.u8() != FORMAT) {
            throw new StreamCorruptedException("not a plain value");
        }
        try {
            Object value = in.value();
            if (in.pos != bytes.length) {
                throw new StreamCorruptedException("plain value: " + (bytes.length - in.pos) + " bytes after its end");
            }
            return value;
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new StreamCorruptedException("plain value: truncated or corrupt (" + e + ")");
        }
    }

    private static final class Out {
        private byte[] buf = new byte[64];
        private int pos;
        /** Containers written so far, to refuse a shared one or a cycle; made on the first nested container. */
        private IdentityHashMap<Object, Boolean> containers;
        private Object firstContainer;

        void value(Object v, int depth) throws NotPlain {
            if (v == null) {
                put(NULL);
                return;
            }
            Class<?> type = v.getClass();
            if (type == Integer.class) {
                put(INT);
                int32((Integer) v);
            } else if (type == String.class) {
                string((String) v);
            } else if (type == Long.class) {
                put(LONG);
                int64((Long) v);
            } else if (type == Double.class) {
                put(DOUBLE);
                int64(Double.doubleToRawLongBits((Double) v));
            } else if (type == Boolean.class) {
                put((Boolean) v ? TRUE : FALSE);
            } else if (type == ArrayList.class) {
                List<?> list = (List<?>) v;
                container(v, depth);
                put(ARRAY_LIST);
                int32(list.size());
                for (int i = 0, n = list.size(); i < n; i++) {
                    value(list.get(i), depth + 1);
                }
            } else if (type == Object[].class) {
                Object[] array = (Object[]) v;
                container(v, depth);
                put(OBJECTS);
                int32(array.length);
                for (Object item : array) {
                    value(item, depth + 1);
                }
            } else if (type == LinkedHashMap.class || type == HashMap.class) {
                map((Map<?, ?>) v, type == LinkedHashMap.class ? LINKED_HASH_MAP : HASH_MAP, depth);
            } else if (type == byte[].class) {
                byte[] bytes = (byte[]) v;
                put(BYTES);
                int32(bytes.length);
                raw(bytes);
            } else {
                other(v, type);
            }
        }

        private void other(Object v, Class<?> type) throws NotPlain {
            if (type == Float.class) {
                put(FLOAT);
                int32(Float.floatToRawIntBits((Float) v));
            } else if (type == Short.class) {
                put(SHORT);
                int32((Short) v);
            } else if (type == Byte.class) {
                put(BYTE);
                put((Byte) v);
            } else if (type == Character.class) {
                put(CHAR);
                int32((Character) v);
            } else if (type == BigInteger.class) {
                put(BIG_INTEGER);
                byte[] bytes = ((BigInteger) v).toByteArray();
                int32(bytes.length);
                raw(bytes);
            } else if (type == BigDecimal.class) {
                BigDecimal decimal = (BigDecimal) v;
                put(BIG_DECIMAL);
                int32(decimal.scale());
                byte[] bytes = decimal.unscaledValue().toByteArray();
                int32(bytes.length);
                raw(bytes);
            } else {
                throw NotPlain.INSTANCE;
            }
        }

        private void map(Map<?, ?> map, byte tag, int depth) throws NotPlain {
            container(map, depth);
            put(tag);
            int32(map.size());
            int written = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                value(entry.getKey(), depth + 1);
                value(entry.getValue(), depth + 1);
                written++;
            }
            if (written != map.size()) {
                // Changed while it was written (another thread): let Java serialization report it as it would.
                throw NotPlain.INSTANCE;
            }
        }

        /** Refuses a container nested too deep or seen before (shared, or a cycle). */
        private void container(Object c, int depth) throws NotPlain {
            if (depth >= MAX_DEPTH) {
                throw NotPlain.INSTANCE;
            }
            if (firstContainer == null) {
                firstContainer = c;
                return;
            }
            if (containers == null) {
                containers = new IdentityHashMap<>();
                containers.put(firstContainer, Boolean.TRUE);
            }
            if (containers.put(c, Boolean.TRUE) != null) {
                throw NotPlain.INSTANCE;
            }
        }

        private void string(String s) {
            int n = s.length();
            boolean latin1 = true;
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) > 0xFF) {
                    latin1 = false;
                    break;
                }
            }
            put(latin1 ? LATIN1_STRING : UTF16_STRING);
            int32(n);
            room(latin1 ? n : 2L * n);
            if (latin1) {
                for (int i = 0; i < n; i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    char c = s.charAt(i);
                    buf[pos++] = (byte) (c >>> 8);
                    buf[pos++] = (byte) c;
                }
            }
        }

        void put(byte b) {
            room(1);
            buf[pos++] = b;
        }

        private void int32(int v) {
            room(4);
            buf[pos++] = (byte) (v >>> 24);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }

        private void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        private void raw(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        private void room(long more) {
            long needed = pos + more;
            if (needed > buf.length) {
                if (needed > Integer.MAX_VALUE - 16) {
                    throw new OutOfMemoryError("a value of more than 2 GB cannot be sent");
                }
                buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        Object value() throws IOException {
            byte tag = buf[pos++];
            switch (tag) {
                case NULL:
                    return null;
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case INT:
                    return int32();
                case LONG:
                    return int64();
                case DOUBLE:
                    return Double.longBitsToDouble(int64());
                case FLOAT:
                    return Float.intBitsToFloat(int32());
                case SHORT:
                    return (short) int32();
                case BYTE:
                    return buf[pos++];
                case CHAR:
                    return (char) int32();
                case LATIN1_STRING:
                    return latin1(length(1));
                case UTF16_STRING:
                    return utf16(length(2));
                case BIG_INTEGER:
                    return new BigInteger(bytes(length(1)));
                case BIG_DECIMAL: {
                    int scale = int32();
                    return new BigDecimal(new BigInteger(bytes(length(1))), scale);
                }
                case BYTES:
                    return bytes(length(1));
                case ARRAY_LIST: {
                    int n = length(1);
                    ArrayList<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value());
                    }
                    return list;
                }
                case OBJECTS: {
                    Object[] array = new Object[length(1)];
                    for (int i = 0; i < array.length; i++) {
                        array[i] = value();
                    }
                    return array;
                }
                case LINKED_HASH_MAP:
                case HASH_MAP: {
                    int n = length(2);
                    Map<Object, Object> map = tag == HASH_MAP ? new HashMap<>(capacity(n)) : new LinkedHashMap<>(capacity(n));
                    for (int i = 0; i < n; i++) {
                        map.put(value(), value());
                    }
                    return map;
                }
                default:
                    throw new StreamCorruptedException("plain value: unknown tag " + tag);
            }
        }

        /** @return a count read, checked against the bytes left ({@code unit} bytes at least per element) */
        private int length(int unit) throws IOException {
            int n = int32();
            if (n < 0 || (long) n * unit > buf.length - pos) {
                throw new StreamCorruptedException("plain value: length " + n + " with " + (buf.length - pos)
                        + " bytes left");
            }
            return n;
        }

        private static int capacity(int size) {
            return (int) Math.min(Integer.MAX_VALUE, size / 0.75 + 1);
        }

        private String latin1(int n) {
            String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            return s;
        }

        private String utf16(int n) {
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
                pos += 2;
            }
            return new String(chars);
        }

        private byte[] bytes(int n) {
            byte[] bytes = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return bytes;
        }

        private int int32() {
            int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                    | (buf[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        private long int64() {
            return ((long) int32() << 32) | (int32() & 0xFFFFFFFFL);
        }

        int u8() {
            return buf[pos++];
        }
    }
}
