// The stage functions of the closure cases, as a user writes them in a job script: dynamic Groovy closures,
// compiled to byte code like any script that `jobline run` loads.
[
    add1  : { it + 1 },
    multi2: { it * 2 },
]
