package io.jobline.maya

import com.google.gson.Gson

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The Maya stand-ins of dsl/src/test/maya (a fake mayapy, Render and maya package; see its README) and a project
 * to run them on: specs give maya(...) {@code env: standIns.env} so MAYA_LOCATION points at the stand-ins and they
 * record into {@link #records}.
 */
class MayaStandIns {

    static final String SCENE = '''//Maya ASCII 2025 scene
createNode transform -n "pCube1";
createNode mesh -n "pCubeShape1" -p "pCube1";
createNode transform -n "pSphere1";
createNode mesh -n "pSphereShape1" -p "pSphere1";
createNode camera -n "shotCam";
'''

    final Path root
    final Path project
    final Path scene
    final Path records

    /** A fresh project under target/maya-work: {@code proj/workspace.mel}, {@code proj/scenes/shot.ma}. */
    MayaStandIns(String name) {
        root = Paths.get('target', 'maya-work', name + '-' + System.nanoTime()).toAbsolutePath()
        project = root.resolve('proj')
        Files.createDirectories(project.resolve('scenes'))
        Files.writeString(project.resolve('workspace.mel'), '// workspace\n')
        scene = project.resolve('scenes/shot.ma')
        Files.writeString(scene, SCENE)
        records = root.resolve('records')
    }

    /** @return the stand-ins' MAYA_LOCATION: dsl/src/test/maya of this checkout */
    static Path location() {
        Path dir = Paths.get('').toAbsolutePath()
        while (dir != null && !Files.isDirectory(dir.resolve('dsl/src/test/maya/bin'))) {
            dir = dir.parent
        }
        assert dir != null: 'dsl/src/test/maya not found above ' + Paths.get('').toAbsolutePath()
        dir.resolve('dsl/src/test/maya')
    }

    /** @return env: for maya(...), plus {@code more} */
    Map<String, String> env(Map<String, String> more = [:]) {
        [MAYA_LOCATION: location().toString(), MAYA_STANDIN_RECORDS: records.toString()] + more
    }

    /** @return every event recorded by {@code tool} ('mayapy', 'Render'), by process, in the order they came */
    List<List<Map>> processes(String tool) {
        if (!Files.isDirectory(records)) {
            return []
        }
        Files.list(records).withCloseable { files ->
            files.toList().findAll { it.fileName.toString().startsWith(tool + '-') }.sort().collect { file ->
                Files.readAllLines(file).findAll { it }.collect { (Map) new Gson().fromJson(it, Map) }
            }
        }
    }

    /** @return the events named {@code event} of {@code tool}, all processes */
    List<Map> events(String tool, String event) {
        processes(tool).flatten().findAll { it.event == event } as List<Map>
    }

    static String sha1(Path file) {
        java.security.MessageDigest.getInstance('SHA-1').digest(Files.readAllBytes(file)).encodeHex().toString()
    }
}
