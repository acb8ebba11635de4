// A worker pool with in/out/error boxes (Python's `workers`): put [function, args, kwargs] on the inbox,
// read results from the outbox and failures (with the item that caused them) from the errbox.
def fetch = { String uri, String path -> if (uri.contains('missing')) throw new FileNotFoundException(uri); [path, uri.size() * 100] }

def uris = ['http://example.org/index.html', 'http://example.org/missing.html', 'http://example.org/about.html']
def p = pool(4) { p ->
    uris.each { uri -> p.inbox.put([fetch, [uri, uri.tokenize('/').last()], [:]]) }
}                                                    // the pool is exiled here: queued work finishes first
drain(p.outbox).sort { it[0] }.each { path, bytes -> println "file $path: $bytes bytes" }
drain(p.errbox).each { err -> println "failed: ${err.item[1][0]}: ${err.exception.message}" }
