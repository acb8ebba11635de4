import shot.Frames

def names = pipeline('frames', keepOrder: true) {
    stage({ it * 2 }, threads: 2)
    stage({ Frames.name(shot, it) }, name: 'name')
}.run(1..3)
println "frames: $names"
println "args: ${args.toList()} project: ${project.artifactId}"
new File(basedir, 'target/frames.txt').text = names.join('\n')
