package io.jobline.util

import spock.lang.Specification

/** The one helper that shows a user's value in a message: it never throws and never grows past its limit. */
class ShowSpec extends Specification {

    static class Throwing {
        String toString() { throw new IllegalStateException('no') }
    }

    static class Recursive {
        String toString() { toString() }
    }

    def "value(#text) is #shown"() {
        expect:
        Show.value(value) == shown

        where:
        value            || shown
        null             || 'null'
        'abc'            || "'abc'"
        42               || '42'
        [1, 'a', null]   || '[1, a, null]'
        [a: 1]           || '{a=1}'
        [1, 2] as int[]  || '[1, 2]'
        text = value instanceof int[] ? 'int[]' : String.valueOf(value)
    }

    def "a throwing or recursive toString names the class, alone or inside a list"() {
        expect:
        Show.value(new Throwing()) == '<io.jobline.util.ShowSpec$Throwing: toString() threw IllegalStateException>'
        Show.value(new Recursive()) == '<io.jobline.util.ShowSpec$Recursive: toString() threw StackOverflowError>'
        Show.value([1, new Throwing()]).startsWith('[1, <io.jobline.util.ShowSpec$Throwing: toString() threw')
        Show.withType(new Throwing()).endsWith(' (io.jobline.util.ShowSpec$Throwing)')
        Show.typed(new Throwing()).startsWith('io.jobline.util.ShowSpec$Throwing (<')
    }

    def "huge values are cut at the limit, without turning a huge collection into text whole"() {
        given:
        def huge = 'x' * 5_000_000
        def many = new AbstractList<Integer>() {
            int size() { Integer.MAX_VALUE }
            Integer get(int i) { i }
        }

        expect:
        Show.value(huge).length() == Show.LIMIT
        Show.value(huge).endsWith("...'")
        Show.value(many).length() == Show.LIMIT
        Show.value(many).startsWith('[0, 1, 2, ')
        Show.text(['a' * 300] as Object[], 200).length() == 200
        Show.value([(1): huge]).length() == Show.LIMIT
    }

    def "a list that holds itself shows as Java shows it"() {
        given:
        def list = []
        list << 1
        list << list

        expect:
        Show.value(list) == '[1, (this Collection)]'
    }
}
