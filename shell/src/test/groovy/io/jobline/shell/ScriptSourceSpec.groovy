package io.jobline.shell

import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.AccessDeniedException
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** Where a script's text comes from, and why it could not be read, in words. */
class ScriptSourceSpec extends Specification {

    @TempDir
    Path dir

    def "the JDK's file exceptions, whose message is only the path, become a reason"() {
        expect:
        ScriptSource.reason(new AccessDeniedException('/x/job.groovy')) == 'permission denied'
        ScriptSource.reason(new NoSuchFileException('/x/job.groovy')) == 'no such file'
        ScriptSource.reason(new IOException('Input/output error')) == 'Input/output error'
    }

    @Requires({ !'root'.equals(System.getProperty('user.name')) })   // root reads any file
    def "an unreadable script says so, with the reason"() {
        given:
        def file = Files.writeString(dir.resolve('job.groovy'), 'println 1')
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('---------'))

        when:
        ScriptSource.file(file.toString())

        then:
        def e = thrown(ScriptSource.Unreadable)
        e.message == "cannot read ${file}: permission denied"
    }

    def "a file keeps its name as given for messages and its file name for stack frames"() {
        given:
        Files.writeString(dir.resolve('my-job.groovy'), 'println 1')

        when:
        def source = ScriptSource.file(dir.resolve('my-job.groovy').toString())

        then:
        source.text() == 'println 1'
        source.label() == dir.resolve('my-job.groovy').toString()
        source.sourceName() == 'my-job.groovy'
    }
}
