package io.jobline.pool

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.Timeout

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

import static io.jobline.pool.PoolTesting.collect
import static java.util.concurrent.TimeUnit.SECONDS

/** Calls, results and errors of a {@link WorkerPool}. */
@Timeout(60)
class WorkerPoolSpec extends Specification {

    @AutoCleanup
    WorkerPool pool

    def "ten thousand items over eight workers each give exactly one result"() {
        given:
        pool = WorkerPool.create(8, [name: 'bulk'])
        def square = { int i -> [i * i, Thread.currentThread().name, Thread.currentThread().daemon] }

        when:
        (0..<10_000).each { pool.inbox.put([square, [it]]) }
        def results = collect(pool.outbox, 10_000)

        then:
        results*.get(0).sort() == (0..<10_000).collect { it * it }
        pool.outbox.isEmpty()
        pool.errbox.isEmpty()
        pool.size == 8
        results*.get(1).toSet().every { it ==~ /bulk-worker-[1-8]/ }
        results*.get(2).every()
    }

    def "args and kwargs may be omitted or null, and an item may be an Object[]"() {
        given:
        pool = WorkerPool.create(1)

        when:
        pool.inbox.put([{ -> 'no args' }])
        pool.inbox.put([{ a, b -> a + b }, [1, 2]])
        pool.inbox.put([{ a -> a * 2 }, [21], null])
        pool.inbox.put([{ -> 'nulls' }, null, null])
        pool.inbox.put([{ a, b -> "$a$b" }, ['x', 'y']] as Object[])
        pool.inbox.put([{ a -> a }, ['empty kwargs call fn(*args)'], [:]])

        then:
        collect(pool.outbox, 6)*.toString() == ['no args', '3', '42', 'nulls', 'xy', 'empty kwargs call fn(*args)']
    }

    def "named arguments come first, as a Map (Groovy's convention)"() {
        given:
        pool = WorkerPool.create(1)

        when:
        pool.put({ Map named, a, b -> "${named.greeting}, $a and $b" }, ['Ann', 'Bob'], [greeting: 'Hello'])

        then:
        pool.outbox.poll(20, SECONDS) == 'Hello, Ann and Bob'
    }

    def "workerSetup runs once per worker and its value reaches every call as workerData"() {
        given:
        def setupCalls = new AtomicInteger()
        def setupThreads = new ConcurrentHashMap<Integer, String>()
        pool = WorkerPool.create(3, [name: 'wd', workerSetup: { int index ->
            setupCalls.incrementAndGet()
            setupThreads[index] = Thread.currentThread().name
            "data-$index".toString()
        }])
        def withKwargs = { Map named, a -> [named.workerData, named.tag, a, Thread.currentThread().name] }
        def withoutKwargs = { Map named, a -> [named.workerData, named.keySet(), a, Thread.currentThread().name] }

        when:
        300.times { pool.put(withKwargs, [it], [tag: it, workerData: 'replaced']) }
        30.times { pool.put(withoutKwargs, [it]) }
        def results = collect(pool.outbox, 330)

        then: 'each call got the value its own worker set up'
        results.every { data, tagOrKeys, arg, thread -> data == "data-${thread.split('-').last()}" }
        results.findAll { it[1] instanceof Integer }.every { it[1] == it[2] }
        results.findAll { it[1] instanceof Set }.every { it[1] == ['workerData'] as Set }

        and: 'setup ran on the worker thread itself, once per worker'
        setupCalls.get() == setupThreads.size()
        setupThreads.every { index, thread -> thread == "wd-worker-$index" }
        results*.get(3).toSet().size() == setupThreads.size()
    }

    def "a null result is put as WorkerPool.NULL"() {
        given:
        pool = WorkerPool.create(1)

        when:
        pool.put({ -> null }, [])
        def result = pool.outbox.poll(20, SECONDS)

        then:
        result.is(WorkerPool.NULL)
        result.toString() == 'null'
        !result
        NullResult.unwrap(result) == null
        NullResult.unwrap(42) == 42
    }

    def "a failing call is an error carrying its item and the original exception; the worker lives on"() {
        given:
        pool = WorkerPool.create(1, [name: 'err'])
        def boom = new IllegalStateException('boom')
        def item = [{ x -> throw boom }, [7], [:]]

        when:
        pool.inbox.put(item)
        pool.put({ -> 'still alive' }, [])
        PoolError error = pool.errbox.poll(20, SECONDS)

        then:
        error.kind == PoolError.Kind.CALL
        error.item.is(item)
        error.exception.is(boom)
        error.exception.stackTrace.any { it.className.contains('WorkerPoolSpec') }
        error.worker == 'err-worker-1'
        error.toString().startsWith('PoolError[CALL on err-worker-1, item [')
        error.toString().endsWith('java.lang.IllegalStateException: boom]')
        pool.outbox.poll(20, SECONDS) == 'still alive'
        pool.size == 1
    }

    def "a malformed item (#why) is an error in the errbox and the worker lives on"() {
        given:
        pool = WorkerPool.create(1, [name: 'm'])

        when:
        pool.inbox.put(item)
        pool.put({ -> Thread.currentThread().name }, null)
        PoolError error = pool.errbox.poll(20, SECONDS)

        then:
        error.kind == PoolError.Kind.MALFORMED
        error.item.is(item)
        error.exception instanceof IllegalArgumentException
        error.exception.message.contains(why)
        error.exception.message.contains('an inbox item is [function, args, kwargs]')
        pool.outbox.poll(20, SECONDS) == 'm-worker-1'
        pool.size == 1

        where:
        item                                  || why
        'not a list'                          || 'it is not a List or array'
        42                                    || 'it is not a List or array'
        [] as Set                             || 'it is not a List or array'
        []                                    || 'it has 0 elements'
        new Object[0]                         || 'it has 0 elements'
        [{ -> 1 }, [], [:], 'extra']          || 'it has 4 elements'
        ['println', []]                       || "its first element is not a function but a java.lang.String"
        [null, [1]]                           || 'its first element is not a function but null'
        [{ x -> x }, 5]                       || 'its args are a java.lang.Integer (5)'
        [{ x -> x }, [1], 'kw']               || 'its kwargs are a java.lang.String (kw)'
    }

    def "a workerSetup that keeps failing fails each item once, without a busy loop, and exile still ends"() {
        given:
        def setupCalls = new AtomicInteger()
        pool = WorkerPool.create(2, [workerSetup: { int index ->
            setupCalls.incrementAndGet()
            throw new IllegalStateException("no connection for worker $index")
        }])
        def items = (0..<50).collect { [{ x -> x }, [it]] }

        when:
        items.each { pool.inbox.put(it) }
        List<PoolError> errors = collect(pool.errbox, 50)

        then: 'every item is accounted for, as a SETUP error that carries it'
        errors*.kind.toSet() == [PoolError.Kind.SETUP] as Set
        errors*.item.toSet() == items.toSet()
        errors.every { it.exception.message.startsWith('no connection for worker') }
        setupCalls.get() == 50
        pool.outbox.isEmpty()
        pool.size == 2

        when:
        PoolTesting.within { pool.exile(true) }

        then:
        pool.exiled
    }

    def "a worker whose setup failed tries it again before its next item"() {
        given:
        def attempts = new AtomicInteger()
        pool = WorkerPool.create(1, [workerSetup: { int index ->
            if (attempts.incrementAndGet() == 1) {
                throw new IOException('first attempt fails')
            }
            'ready'
        }])

        when:
        3.times { pool.put({ Map named, x -> "$named.workerData $x".toString() }, [it]) }
        PoolError error = pool.errbox.poll(20, SECONDS)

        then:
        error.kind == PoolError.Kind.SETUP
        error.item[1] == [0]
        error.exception.message == 'first attempt fails'
        collect(pool.outbox, 2) == ['ready 1', 'ready 2']
        attempts.get() == 2
    }

    def "put checks its function and refuses an exiled pool"() {
        given:
        pool = WorkerPool.create(1)

        when:
        pool.put('not a function', [])

        then:
        def notFunction = thrown(IllegalArgumentException)
        notFunction.message.startsWith("put: not a function: a java.lang.String (not a function); expected a Closure")

        when:
        pool.exile()
        pool.put({ -> 1 }, [])

        then:
        def exiled = thrown(IllegalStateException)
        exiled.message.contains('is exiled')
    }
}
