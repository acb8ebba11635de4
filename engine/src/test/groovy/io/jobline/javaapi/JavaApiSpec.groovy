package io.jobline.javaapi

import spock.lang.Specification

/** The engine from plain Java (the calls live in JavaApiExample.java, compiled by javac). */
class JavaApiSpec extends Specification {

    def "a pipeline, a live run, an executor and a pool work from Java"() {
        expect:
        JavaApiExample.pipeline() == [2, 4, 6]
        JavaApiExample.liveRun() == [0, 0, 1, 1, 2, 2]
        JavaApiExample.executorAndPool() == [42, 70]
    }
}
