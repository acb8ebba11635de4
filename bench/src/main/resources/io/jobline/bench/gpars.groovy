// The GPars peers of case 10, written as a GPars user would: dataflow operators for the pipeline, withPool and
// collectParallel for a parallel map. GPars 1.2.1 (built for Groovy 2) runs here under Groovy 4.
import groovyx.gpars.GParsPool
import groovyx.gpars.dataflow.DataflowQueue
import groovyx.gpars.dataflow.operator.PoisonPill
import groovyx.gpars.group.DefaultPGroup

[
    // add1 (one fork) then multi2 (maxForks: 2), fed from a thread, collected here; the end travels as a poison pill.
    dataflow       : { List input ->
        def group = new DefaultPGroup(3)
        try {
            def first = new DataflowQueue(), second = new DataflowQueue(), results = new DataflowQueue()
            group.operator(inputs: [first], outputs: [second], maxForks: 1) { x -> bindOutput(x + 1) }
            group.operator(inputs: [second], outputs: [results], maxForks: 2) { x -> bindOutput(x * 2) }
            Thread.start {
                for (x in input) {
                    first << x
                }
                first << PoisonPill.instance
            }
            def out = new ArrayList(input.size())
            for (def v = results.val; !(v instanceof PoisonPill); v = results.val) {
                out << v
            }
            out
        } finally {
            group.shutdown()
        }
    },
    // A parallel map on a pool of `threads`, results in input order.
    collectParallel: { List input, int threads, java.util.function.Function f ->
        GParsPool.withPool(threads) {
            input.collectParallel { f.apply(it) }
        }
    },
]
