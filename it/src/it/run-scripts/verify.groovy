def log = new File(basedir, 'build.log').text
assert log.contains('frames: [010.0002.exr, 010.0004.exr, 010.0006.exr]')
assert log.contains('args: [--fast] project: shot-builder')
assert log.contains('inline: [42]')
assert new File(basedir, 'target/frames.txt').readLines() == ['010.0002.exr', '010.0004.exr', '010.0006.exr']
def stats = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/jobline/frames-stats.json'))
assert stats*.name == ['frames'] && stats[0].state == 'DONE' && stats[0].out == 3
assert new File(basedir, 'target/jobline/inline-stats.json').exists()
true
