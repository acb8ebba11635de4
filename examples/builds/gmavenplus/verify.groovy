def log = new File(basedir, 'build.log').text
assert log.contains('doubled: [2, 4, 6]')
assert log.contains('batch: [42]')
true
