// Farm faults on the real local Slurm (farm/slurm-local; rows are skipped, saying so, when it is not up): a task
// exiting non-zero, a task cancelled with scancel from outside, a lost node (the second slurmd killed), a job the
// scheduler forgets (squeue and scontrol stop knowing it), a tampered result. Every task must end DONE or FAILED
// with the cause, none lost; the farm leaves no thread or process behind.
// Other farms add their rows as scripts of their own here (farm_qube.groovy …), calling Probe.row('farm', …).
def home = System.getenv('RELIABILITY_HOME')
def Probe = new GroovyClassLoader(this.class.classLoader).parseClass(new File(home, 'lib/Probe.groovy'))
def root = new File(home, '..').canonicalFile
def slurmLocal = new File(root, 'farm/slurm-local').path
def workDir = File.createTempDir('jobline-reliability-farm-', '')

if (['bash', '-c', "'$slurmLocal' status"].execute().waitFor() != 0) {
    Probe.row('farm', 'Slurm faults') { [fail: 'no local Slurm is up: start it with farm/slurm-local start'] }
    return
}

/** Counts a command job's items: DONE ones are outputs, FAILED ones errors that must mention `cause`. */
def account = { job, String cause, int expectedErrors ->
    def failed = job.workItems.findAll { it.state.toString() == 'FAILED' }
    def done = job.workItems.findAll { it.state.toString() == 'DONE' }
    def row = [in: job.workItems.size(), out: done.size(), errors: failed.size()]
    if (failed.size() != expectedErrors) {
        row.fail = "${failed.size()} failed, expected ${expectedErrors}: ${failed*.error*.take(200)}"
    } else if (failed && !failed.every { it.error?.contains(cause) }) {
        row.fail = "the failure does not say '${cause}': ${failed[0].error?.take(300)}"
    } else if (failed) {
        row.note = failed[0].error.readLines()[0].take(160)
    }
    row
}

def awaitRunning = { item ->
    def started = new java.util.concurrent.CountDownLatch(1)
    item.task().onRunning { started.countDown() }
    if (item.state.toString() != 'PENDING') started.countDown()
    started.await(120, java.util.concurrent.TimeUnit.SECONDS)
}

def farm = slurm(workDir: workDir.path, pollInterval: 0.5)
try {
    Probe.row('farm', 'slurm: one task of 10 exits 3') {
        def job = farm.job(frames: 1..10, name: 'exit3') { s, e -> s == 5 ? 'echo failing; exit 3' : 'true' }
        job.join(300)
        account(job, 'exit code 3', 1)
    }

    Probe.row('farm', 'slurm: one task of 10 cancelled with scancel from outside') {
        def job = farm.job(frames: 1..10, name: 'victim') { s, e -> s == 3 ? 'sleep 300' : 'true' }
        def victim = job.workItems.find { it.start == 3 }
        awaitRunning(victim)
        ['scancel', victim.jobId].execute().waitFor()
        job.join(300)
        account(job, 'CANCELLED', 1)
    }

    if (!Probe.quick) { // the node's loss takes Slurm SlurmdTimeout and more: a minute or two, full run only
        Probe.row('farm', 'slurm: node jl-node2 lost under a running task (node-stop)') {
            def job = farm.job(frames: 1..2, name: 'pinned', extra: ['--nodelist=jl-node2']) { s, e -> 'sleep 300' }
            job.workItems.each { awaitRunning(it) }
            ['bash', '-c', "'$slurmLocal' node-stop"].execute().waitFor()
            try {
                job.join(300)
            } finally {
                ['bash', '-c', "'$slurmLocal' node-start"].execute().waitFor()
            }
            account(job, 'NODE_FAIL', 2)
        }
    }

    Probe.row('farm', 'slurm: a job the scheduler forgets (squeue and scontrol stop listing it)') {
        // A child `jobline run` whose squeue and scontrol (wrappers first on its PATH) hide the job once it runs:
        // what the farm layer sees when Slurm lost a job's record. The real job is cancelled afterwards.
        def bin = new File(workDir, 'forgetful-bin')
        bin.mkdirs()
        def hidden = new File(workDir, 'hidden')
        new File(bin, 'squeue').text = """#!/bin/bash
if [ -s '$hidden' ]; then "\$(PATH=\${PATH#*:} command -v squeue)" "\$@" | { grep -v "^ *\$(cat '$hidden')" || true; }; else exec "\$(PATH=\${PATH#*:} command -v squeue)" "\$@"; fi
"""
        new File(bin, 'scontrol').text = """#!/bin/bash
if [ -s '$hidden' ] && [[ " \$* " == *" show "* ]]; then echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1; fi
exec "\$(PATH=\${PATH#*:} command -v scontrol)" "\$@"
"""
        bin.listFiles()*.setExecutable(true)
        def child = new File(workDir, 'forgotten.groovy')
        child.text = """
def farm = slurm(workDir: '${workDir.path}/child', pollInterval: 0.5)
def job = farm.job(frames: 1, name: 'forgotten') { s, e -> 'sleep 300' }
def item = job.workItems[0]
def started = new java.util.concurrent.CountDownLatch(1)
item.task().onRunning { started.countDown() }
if (item.state.toString() != 'PENDING') started.countDown()
started.await(120, java.util.concurrent.TimeUnit.SECONDS)
new File('${hidden.path}').text = item.jobId.split('_')[0]
job.join(300)
println "STATE \${item.state}"
println "ERROR \${item.error?.readLines()?.getAt(0)}"
farm.close()
"""
        def builder = new ProcessBuilder(new File(root, 'jobline').path, 'run', '--no-progress', child.path)
        builder.environment().PATH = bin.path + ':' + System.getenv('PATH')
        builder.redirectErrorStream(true)
        def process = builder.start()
        def output = process.inputStream.text
        process.waitFor()
        if (hidden.exists()) {
            ['scancel', hidden.text.trim()].execute().waitFor()
        }
        def state = (output =~ /STATE (\w+)/)
        def error = (output =~ /ERROR (.*)/)
        boolean failed = state.find() && state.group(1) == 'FAILED'
        def row = [in: 1, out: 0, errors: failed ? 1 : 0, note: error.find() && error.group(1) != 'null' ? error.group(1).take(160) : '']
        if (!failed || !output.contains('LOST')) {
            row.fail = "expected the task FAILED as LOST: ${output.readLines().takeRight(5).join(' / ').take(300)}"
        }
        row
    }

    Probe.row('farm', 'slurm: a tampered result among 10 calls') {
        executor(backend: 'slurm', workDir: new File(workDir, 'calls').path, pollInterval: 0.5).withCloseable { ex ->
            def futures = (1..10).collect { n ->
                ex.submit({ int i ->
                    if (i == 7) { // forge its own result file (the task's arguments: TaskMain BUNDLE INDEX KEY), then end
                        def words = ProcessHandle.current().info().arguments().orElse(new String[0]) as List
                        int at = words.indexOf('io.jobline.remote.TaskMain')
                        new File(words[at + 1], "result-${words[at + 2]}").bytes = 'forged'.bytes
                        Runtime.runtime.halt(0)
                    }
                    i
                }, n)
            }
            int out = 0, errors = 0
            String why = null
            futures.each { f ->
                try {
                    f.get(300)
                    out++
                } catch (java.util.concurrent.ExecutionException e) {
                    errors++
                    why = "${e.cause.getClass().simpleName}: ${e.cause.message?.readLines()?.getAt(0)}"
                }
            }
            [in: 10, out: out, errors: errors, note: why?.take(160),
             fail: errors == 1 && why.contains('Tampered') ? null : "expected one TamperedPacketException, got ${errors}: ${why}"]
        }
    }
} finally {
    farm.close()
    workDir.deleteDir()
}
