package io.jobline.backend

import spock.lang.Specification

import java.util.function.Function

class WorkSpec extends Specification {

    def "withArgs keeps the adapted function, options and origin, and copies the new arguments"() {
        given:
        def work = Work.of({ x -> x + 1 } as Function, [1] as Object[], [name: 'inc'], null)
        Object[] args = [41]

        when:
        def next = work.withArgs(args)
        args[0] = 0

        then:
        next.function.is(work.function)
        next.target.is(work.target)
        next.options == [name: 'inc']
        next.origin.is(work.origin)
        next.run() == 42
        work.run() == 2
        work.withArgs(null).args.length == 0
    }
}
