// Hello, Jobline: a pipeline of two stages. `./jobline run examples/hello.groovy` prints [2, 4, 6, 8, 10].
def add1   = { it + 1 }
def multi2 = { it * 2 }

def p = pipeline('hello') {
    stage add1
    stage multi2, threads: 2
}
println p.run(0..4, keepOrder: true)
