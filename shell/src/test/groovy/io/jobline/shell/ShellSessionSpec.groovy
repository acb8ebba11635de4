package io.jobline.shell

import io.jobline.live.LiveRegistry
import io.jobline.shell.commands.Commands
import io.jobline.shell.console.ShellSession
import io.jobline.shell.repl.Evaluator
import spock.lang.Specification
import spock.lang.Timeout

/** {@link ShellSession} on its own: what the console's loop hands it. */
@Timeout(60)
class ShellSessionSpec extends Specification {

    def out = new StringWriter()
    def err = new StringWriter()
    LiveRegistry scope = LiveRegistry.global().openScope('session', 'session-spec')
    def session = new ShellSession(new Evaluator(), Commands.standard(), scope, new PrintWriter(out, true),
            new PrintWriter(err, true), null, { -> null }, false)

    def cleanup() {
        Thread.interrupted()
        scope.close()
    }

    def "a Ctrl-C that came as the line was accepted (the reader's thread left interrupted) stops that input as Ctrl-C"() {
        given: "JLine's reader re-asserts a Ctrl-C that came while it finished the line"
        Thread.currentThread().interrupt()

        when:
        boolean ok = session.take("pipeline('blocking') { stage { Thread.sleep(50); it } }.run(1..100000)")

        then: 'the input stopped with the Ctrl-C message, and the prompt does not inherit the interrupt'
        !ok
        err.toString().contains('interrupted: the input stopped (Ctrl-C)')
        !err.toString().contains('ERROR')
        !Thread.currentThread().isInterrupted()

        and: 'the next input runs normally'
        session.take('1 + 1')
        out.toString().contains('==> 2')
    }
}
