package io.jobline.shell

import javax.tools.ToolProvider
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

/**
 * A Maven repository in a folder with one real artifact, {@code org.example:greeter:1.0} (class
 * {@code org.example.Greeter}, {@code greet(name)} returns {@code "hello " + name}), so {@code @Grab} can be tested
 * without a network. Also writes the files that point Grape or Maven at it.
 */
class LocalRepository {

    static final String ARTIFACT = 'org.example:greeter:1.0'

    final File root

    LocalRepository(File root) {
        this.root = root
        def dir = new File(root, 'org/example/greeter/1.0')
        dir.mkdirs()
        new File(dir, 'greeter-1.0.jar').bytes = jar()
        new File(dir, 'greeter-1.0.pom').text = '''<?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId>
              <artifactId>greeter</artifactId>
              <version>1.0</version>
            </project>'''.stripIndent()
    }

    /** A {@code ~/.m2/settings.xml} in {@code home} whose mirror of everything is {@code url} (default: this one). */
    File mavenSettings(File home, String url = root.toURI().toString()) {
        def settings = new File(home, '.m2/settings.xml')
        settings.parentFile.mkdirs()
        settings.text = """<settings>
              <localRepository>${new File(home, '.m2/repository')}</localRepository>
              <mirrors><mirror><id>test</id><mirrorOf>*</mirrorOf><url>${url}</url></mirror></mirrors>
            </settings>""".stripIndent()
        settings
    }

    /** A {@code ~/.groovy/grapeConfig.xml} in {@code home} that resolves from this repository only. */
    File grapeConfig(File home) {
        def config = new File(home, '.groovy/grapeConfig.xml')
        config.parentFile.mkdirs()
        config.text = """<ivysettings>
              <settings defaultResolver="downloadGrapes"/>
              <resolvers><ibiblio name="downloadGrapes" root="${root.toURI()}" m2compatible="true"/></resolvers>
            </ivysettings>""".stripIndent()
        config
    }

    private static byte[] jar() {
        def src = File.createTempDir()
        try {
            def java = new File(src, 'org/example/Greeter.java')
            java.parentFile.mkdirs()
            java.text = 'package org.example; public class Greeter { public static String greet(String name) { return "hello " + name; } }'
            def compiler = ToolProvider.systemJavaCompiler
            assert compiler.run(null, null, null, '--release', '17', '-d', src.path, java.path) == 0
            def bytes = new ByteArrayOutputStream()
            new JarOutputStream(bytes).withStream { jar ->
                jar.putNextEntry(new JarEntry('org/example/Greeter.class'))
                jar.write(new File(src, 'org/example/Greeter.class').bytes)
                jar.closeEntry()
            }
            bytes.toByteArray()
        } finally {
            src.deleteDir()
        }
    }
}
