// Word count: lines fan out into words, a dispatcher stage counts each word on one worker (no locks needed),
// and the totals come back in input order.
def text = '''\
the quick brown fox jumps over the lazy dog
the dog sleeps
a fox runs'''

def counts = [:].withDefault { 0 }                  // one worker per word => no two threads touch the same key

def words = pipeline('words', keepOrder: true) {
    stage { String line -> line.tokenize() }, fanOut: true, name: 'split'
    stage { String word -> word.toLowerCase() }, threads: 2, name: 'normalise'
    stage { String word -> synchronized (counts) { counts[word]++ }; word }, by: { it }, threads: 3, name: 'count'
}

def seen = words.run(text.readLines())
assert seen.size() == 15                            // every word went through, in input order
println "words: ${seen.join(' ')}"
counts.sort { -it.value }.take(3).each { word, n -> println "$word: $n" }
