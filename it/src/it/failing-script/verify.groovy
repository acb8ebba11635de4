def log = new File(basedir, 'build.log').text
assert log =~ /jobline:run: \S*import.groovy failed \(exit 1\)/
assert log.contains("import.groovy:3: stage 'parse' failed on item 'x': java.lang.NumberFormatException")
assert log =~ /caused by: NumberFormatException: For input string: "x" \(\S*import.groovy:1\)/
assert !(log =~ /at io\.jobline\.(pipeline|dsl|shell)/)   // no trace of Jobline's own frames: one clear message
true
