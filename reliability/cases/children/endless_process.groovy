// The caller the suite kills: an endless process-backed pipeline; says 'started' once outputs flow.
def p = pipeline('endless', backend: 'process', workers: 2) {
    stage({ Thread.sleep(20); it }, threads: 2)
}
boolean said = false
p.each([hasNext: { true }, next: { 1 }] as Iterator) {
    if (!said) {
        said = true
        System.err.println 'started'
    }
}
