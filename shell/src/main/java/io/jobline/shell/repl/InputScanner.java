package io.jobline.shell.repl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;

/**
 * Tells whether typed Groovy is unfinished, so the shell asks for another line instead of reporting an error: a
 * bracket, string, triple-quoted string or comment left open, a line ending in a binary operator, a comma, a dot, an
 * arrow or a backslash. It looks at characters and parses (never compiles or runs anything); input that parses is
 * never held back, so a wrong guess costs a continuation prompt, never a wrong result.
 *
 * <p>Slashy and dollar-slashy strings are not tracked (a {@code /} is taken for division): such a string left open
 * is reported as a syntax error instead of continuing.
 */
public final class InputScanner {

    private static final java.util.regex.Pattern ANNOTATION =
            java.util.regex.Pattern.compile("\\s*@[\\w.]+(\\s*\\(.*\\))?\\s*");

    /** Endings that need more to follow. Longest first matters not: each is checked as a suffix. */
    private static final Set<String> TRAILING = Set.of("+", "-", "*", "/", "%", "=", "==", "!=", "<", ">", "<=",
            ">=", "&&", "||", "&", "|", "^", "?", ":", ",", ".", "?.", "*.", "->", "<<", ">>", "**", "+=", "-=", "*=",
            "/=", "=~", "==~", "<=>", "?:", "\\", "in", "instanceof");

    private InputScanner() {
    }

    /**
     * @return whether the shell should ask for another line: {@code source} does not parse as Groovy, and looks
     *         {@link #incomplete}
     */
    public static boolean needsMore(String source) {
        return incomplete(source) && !parses(source);
    }

    /** @return whether {@code source} parses as Groovy (syntax only: nothing is resolved, compiled or run) */
    static boolean parses(String source) {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource("input.groovy", source);
        try {
            unit.compile(Phases.CONVERSION);
            return true;
        } catch (CompilationFailedException e) {
            return false;
        }
    }

    /** @return whether {@code source} is unfinished Groovy that more lines could complete */
    public static boolean incomplete(String source) {
        Deque<Character> open = new ArrayDeque<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = lineEnd(source, i);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    return true;
                }
                i = end + 2;
            } else if (c == '\'' || c == '"') {
                String quote = source.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3)
                        : String.valueOf(c);
                int end = closing(source, i + quote.length(), quote);
                if (end < 0) {
                    return true;
                }
                i = end + quote.length();
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(c);
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (open.isEmpty() || open.pop() != opener(c)) {
                    return false; // a stray closer: an error more lines cannot fix
                }
                i++;
            } else {
                i++;
            }
        }
        return !open.isEmpty() || endsWithOperator(source) || endsWithAnnotation(source);
    }

    /** An annotation on a line of its own ({@code @Grab('g:m:v')}) belongs to what the next line declares. */
    private static boolean endsWithAnnotation(String source) {
        String last = withoutLineComment(source.stripTrailing());
        return ANNOTATION.matcher(last.substring(last.lastIndexOf('\n') + 1)).matches();
    }

    private static int lineEnd(String source, int from) {
        int end = source.indexOf('\n', from);
        return end < 0 ? source.length() : end;
    }

    /** @return where the closing quote is, a backslash escaping the next character; -1 if none */
    private static int closing(String source, int from, String quote) {
        boolean single = quote.length() == 1;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (single && c == '\n') {
                return -1; // a one-quote string ends at its line's end: left open
            } else if (source.startsWith(quote, i)) {
                return i;
            }
        }
        return -1;
    }

    private static char opener(char closer) {
        return closer == ')' ? '(' : closer == ']' ? '[' : '{';
    }

    private static boolean endsWithOperator(String source) {
        String last = withoutLineComment(source.stripTrailing());
        if (last.isEmpty()) {
            return false;
        }
        if (last.endsWith("++") || last.endsWith("--")) {
            return false; // x++ is complete
        }
        for (String operator : TRAILING) {
            if (last.endsWith(operator)) {
                boolean word = Character.isLetter(operator.charAt(0));
                if (!word || last.length() == operator.length()
                        || !Character.isJavaIdentifierPart(last.charAt(last.length() - operator.length() - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A trailing {@code // comment} on the last line does not hide an operator before it. */
    private static String withoutLineComment(String source) {
        int lineStart = source.lastIndexOf('\n') + 1;
        int comment = source.indexOf("//", lineStart);
        if (comment < 0 || inQuotes(source.substring(lineStart, comment))) {
            return source;
        }
        return source.substring(0, comment).stripTrailing();
    }

    private static boolean inQuotes(String line) {
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\'' || line.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }
}
