// The caller killed: `jobline run` of an endless process-backed pipeline gets SIGKILL, SIGTERM or SIGINT (to its
// own pid, not the process group, so the workers do not get the signal). No worker may survive it: every process
// started with this row's tag in its environment is counted.
def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
def jobline = new File(home, '../jobline').canonicalPath
def child = new File(home, 'cases/children/endless_process.groovy').path

/** @return the pids of the processes whose environment holds RELIABILITY_TAG=tag */
def tagged = { String tag ->
    new File('/proc').listFiles().findAll { it.name ==~ /\d+/ }.findAll { dir ->
        try {
            new File(dir, 'environ').bytes.length && new String(new File(dir, 'environ').bytes).split('\u0000')
                    .contains("RELIABILITY_TAG=$tag".toString())
        } catch (IOException ignored) {
            false // ended meanwhile
        }
    }*.name*.toLong()
}

// Quick mode (CI) leaves SIGINT out: .ci/run checks Ctrl-C of the process group itself.
def signals = Probe.quick ? [KILL: 137, TERM: 143] : [KILL: 137, TERM: 143, INT: 130]
signals.each { signal, expectedExit ->
    Probe.row('caller', "jobline run killed with SIG$signal while workers run") {
        String tag = UUID.randomUUID().toString()
        def builder = new ProcessBuilder(jobline, 'run', child)
        builder.environment().RELIABILITY_TAG = tag
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
        def caller = builder.start()
        def err = caller.errorStream.newReader()
        def seen = new StringBuilder()
        String line
        while ((line = err.readLine()) != null && line != 'started') {
            seen << line << '\n'
        }
        if (line == null) {
            return [fail: "the caller never started: ${seen.toString().take(300)}"]
        }
        int workers = tagged(tag).size() - 1
        Thread.start { err.eachLine { seen << it << '\n' } }
        new ProcessBuilder('kill', "-$signal", String.valueOf(caller.pid())).start().waitFor()
        int code = caller.waitFor()
        // The workers notice the caller's end (their stdin closes) and exit: wait for them, bounded.
        long deadline = System.currentTimeMillis() + 15_000
        List survivors = tagged(tag)
        for (Long pid : survivors) {
            ProcessHandle.of(pid).ifPresent { h ->
                try { h.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), java.util.concurrent.TimeUnit.MILLISECONDS) } catch (java.util.concurrent.TimeoutException ignored) {}
            }
        }
        survivors = tagged(tag)
        def row = [in: '-', out: '-', errors: '-', lost: 0, note: "exit $code, $workers workers before, ${survivors.size()} after"]
        if (survivors) {
            survivors.each { ProcessHandle.of(it).ifPresent { it.destroyForcibly() } }
            return row + [fail: "${survivors.size()} processes survived the caller"]
        }
        if (code != expectedExit) {
            return row + [fail: "exit $code, expected $expectedExit"]
        }
        if (seen.contains('\tat ')) {
            return row + [fail: "a stack trace on stderr: ${seen.toString().take(300)}"]
        }
        row
    }
}
