// Error policies: 'collect' keeps going and lists every failed item; 'fail' (the default) stops at the first error
// and names the stage, the item and the cause.
def parse = { String s -> Integer.parseInt(s) }
def input = ['1', '2', 'three', '4', 'five']

def p = pipeline('parse') {
    stage parse
}

def run = p.start(input, errors: 'collect')
def numbers = run.results.toList()
println "parsed: ${numbers.sort()}"
run.errors.each { e -> println "stage '${e.stage}' failed on '${e.item}': ${e.exception.class.simpleName}" }

try {
    p.run(input)
} catch (e) {
    println "with errors: 'fail': ${e.message}"
}
