// inparallel's waitfor, with @Task: at most 3 checks in flight; waitFor yields null to ask for more work
// and each finished future as it completes. No busy-waiting: it blocks on completion.
@Task
def check(String server) {
    // stand-in for an SSH call
    "${server}: Linux ${server.size()}.0"
}

def servers = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']
def inFlight = []
def reports = []
for (f in waitFor(inFlight, concurrency: 3)) {
    if (f != null) {
        reports << f.result
    } else if (servers) {
        inFlight << check(servers.pop())
    }
}
assert reports.size() == 8
reports.sort().each { println it }
