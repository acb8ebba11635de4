package io.jobline.shipping

import spock.lang.Specification

class PlainValuesSpec extends Specification {

    private static Object roundTrip(Object value) {
        Shipping.unpack(Shipping.pack(value).bytes())
    }

    private static boolean plain(Object value) {
        PlainValues.isPlain(Shipping.pack(value).bytes())
    }

    def "plain values take the fast path and come back equal, of the same classes"() {
        when:
        def copy = roundTrip(value)

        then:
        plain(value)
        copy == value || (value instanceof Double && ((Double) value).isNaN() && ((Double) copy).isNaN())
        copy?.getClass() == value?.getClass()

        where:
        value << [null, true, false, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 42L, Long.MIN_VALUE, 3.5d,
                  Double.NaN, -0.0d, 1.5f, (short) -7, (byte) -128, 'x' as char, '', 'hello', 'grüße',
                  'snowman \u2603 and an unpaired surrogate \ud800 kept', 12345678901234567890G, -1.25G,
                  new BigDecimal('1E+5'), [1, 'two', 3.0d, null], [a: 1, b: [2, 3]], new HashMap([x: 'y']),
                  new ArrayList(), [:]]
    }

    def "arrays: Object[] and byte[] keep their contents and classes; other arrays go through Java serialization"() {
        expect:
        roundTrip([1, 'a', [2]] as Object[]) == [1, 'a', [2]] as Object[]
        roundTrip([1, 'a'] as Object[]).getClass() == Object[]
        roundTrip([1, 2, 255] as byte[]) == [1, 2, -1] as byte[]
        roundTrip([1, -2] as int[]) == [1, -2] as int[]
        roundTrip([Long.MAX_VALUE] as long[]) == [Long.MAX_VALUE] as long[]
        roundTrip([0.5d] as double[]) == [0.5d] as double[]
        [[1] as Object[], [1] as byte[]].every { plain(it) }
        !plain([1] as int[])
    }

    def "a map keeps its order, with nulls as keys and values"() {
        given:
        def map = new LinkedHashMap()
        map.z = 1
        map.put(null, 'n')
        map.a = null

        expect:
        roundTrip(map).keySet().toList() == ['z', null, 'a']
        roundTrip(map) == map
    }

    def "anything else goes through Java serialization and still arrives: #why"() {
        when:
        def copy = roundTrip(value)

        then:
        !plain(value)
        check(copy)

        where:
        why                             | value                                        | check
        'a GString'                     | "x${1}"                                      | { it == 'x1' }
        'a subclass of ArrayList'       | new MyList([1, 2])                           | { it instanceof MyList && it == [1, 2] }
        'a list holding another type'   | [1, new Date(0)]                             | { it == [1, new Date(0)] }
        'a String[]'                    | ['a'] as String[]                            | { it instanceof String[] && it == ['a'] }
        'an immutable list'             | List.of(1, 2)                                | { it == [1, 2] }
        'a list held twice'             | sharedTwice()                                | { it[0].is(it[1]) }
        'a list that holds itself'      | cycle()                                      | { it[0].is(it) }
        'nested deeper than the limit'  | nested(PlainValues.MAX_DEPTH + 1)            | { depth(it) == PlainValues.MAX_DEPTH + 1 }
    }

    def "nesting up to the limit is plain"() {
        expect:
        plain(nested(PlainValues.MAX_DEPTH))
        depth(roundTrip(nested(PlainValues.MAX_DEPTH))) == PlainValues.MAX_DEPTH
    }

    def "a value that cannot be serialized inside a list still fails with Java serialization's error"() {
        when:
        Shipping.pack([1, new Object()])

        then:
        NotSerializableException e = thrown()
        e.message == 'java.lang.Object'
    }

    def "corrupt plain bytes fail with an IOException, never with a raw index error"() {
        given:
        byte[] good = Shipping.pack([1, 'two', [3]]).bytes()

        when:
        Shipping.unpack(bytes.call(good) as byte[])

        then:
        thrown(IOException)

        where:
        bytes << [{ byte[] b -> Arrays.copyOf(b, b.length - 1) },
                  { byte[] b -> Arrays.copyOf(b, b.length + 1) },
                  { byte[] b -> def c = b.clone(); c[1] = 99; c },
                  { byte[] b -> def c = b.clone(); c[2] = 0x7f; c }]
    }

    private static List sharedTwice() {
        def inner = [1]
        [inner, inner]
    }

    private static List cycle() {
        def list = []
        list << list
        list
    }

    private static List nested(int depth) {
        def list = [0]
        (depth - 1).times { list = [list] }
        list
    }

    private static int depth(Object value) {
        value instanceof List ? 1 + depth(value[0]) : 0
    }

    static class MyList extends ArrayList {
        MyList(Collection c) {
            super(c)
        }
    }
}
