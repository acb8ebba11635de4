// Runs the application as a user would: java -cp <its classes and jobline-engine's class path> example.App
def cp = new File(basedir, 'target/classes').path + File.pathSeparator + new File(basedir, 'target/classpath.txt').text.trim()
assert !cp.contains('groovy-'): "the application's class path has Groovy on it: $cp"
def java = "${System.getProperty('java.home')}/bin/java"
def process = [java, '-cp', cp, 'example.App'].execute(null, basedir)
def out = new StringBuilder(), err = new StringBuilder()
process.consumeProcessOutput(out, err)
assert process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS): "example.App did not end:\n$out\n$err"
println out
assert process.exitValue() == 0: "example.App exited ${process.exitValue()}:\n$out\n$err"
assert out.readLines() == ['pipeline: [2, 4, 6]', 'live run: [22, 42]', 'executor: [42]', 'batch: [2, 4]', 'pool: [42]',
                           'process backend: [144, true]']
true
