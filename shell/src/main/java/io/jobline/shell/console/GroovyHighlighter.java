package io.jobline.shell.console;

import java.util.Set;
import java.util.regex.Pattern;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import io.jobline.dsl.JoblineDsl;

/**
 * Colours Groovy as it is typed: keywords, Jobline's DSL words, strings, numbers, comments, and a {@code :command}.
 * A scan of characters, never a compile: it runs at each key press.
 */
final class GroovyHighlighter implements Highlighter {

    static final Set<String> KEYWORDS = Set.of("abstract", "as", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "continue", "def", "default", "do", "double", "else", "enum", "extends", "false",
            "final", "finally", "float", "for", "if", "implements", "import", "in", "instanceof", "int", "interface",
            "long", "new", "null", "package", "private", "protected", "public", "return", "short", "static", "super",
            "switch", "this", "throw", "throws", "trait", "true", "try", "var", "void", "while", "record");

    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle WORD = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);
    private static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    private final Set<String> dslWords = JoblineDsl.words();

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (GroovyLineParser.isCommand(buffer)) {
            int end = buffer.indexOf(' ');
            end = end < 0 ? buffer.length() : end;
            out.styled(COMMAND, buffer.substring(0, end)).append(buffer.substring(end));
            return out.toAttributedString();
        }
        int i = 0;
        int n = buffer.length();
        while (i < n) {
            char c = buffer.charAt(i);
            int end;
            if (buffer.startsWith("//", i)) {
                end = lineEnd(buffer, i);
                out.styled(COMMENT, buffer.substring(i, end));
            } else if (buffer.startsWith("/*", i)) {
                int close = buffer.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
                out.styled(COMMENT, buffer.substring(i, end));
            } else if (c == '\'' || c == '"') {
                end = stringEnd(buffer, i);
                out.styled(STRING, buffer.substring(i, end));
            } else if (Character.isDigit(c)) {
                end = i;
                while (end < n && (Character.isLetterOrDigit(buffer.charAt(end)) || buffer.charAt(end) == '_'
                        || buffer.charAt(end) == '.' && end + 1 < n && Character.isDigit(buffer.charAt(end + 1)))) {
                    end++;
                }
                out.styled(NUMBER, buffer.substring(i, end));
            } else if (Character.isJavaIdentifierStart(c)) {
                end = i;
                while (end < n && Character.isJavaIdentifierPart(buffer.charAt(end))) {
                    end++;
                }
                String name = buffer.substring(i, end);
                boolean member = i > 0 && buffer.charAt(i - 1) == '.';
                AttributedStyle style = member ? AttributedStyle.DEFAULT
                        : KEYWORDS.contains(name) ? KEYWORD : dslWords.contains(name) ? WORD : AttributedStyle.DEFAULT;
                out.styled(style, name);
            } else {
                end = i + 1;
                out.append(c);
            }
            i = end;
        }
        return out.toAttributedString();
    }

    private static int lineEnd(String buffer, int from) {
        int end = buffer.indexOf('\n', from);
        return end < 0 ? buffer.length() : end;
    }

    /** @return the index after the string starting at {@code from}, or the buffer's end if it is left open */
    private static int stringEnd(String buffer, int from) {
        char quote = buffer.charAt(from);
        String delimiter = buffer.startsWith(String.valueOf(quote).repeat(3), from)
                ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        for (int i = from + delimiter.length(); i < buffer.length(); i++) {
            if (buffer.charAt(i) == '\\') {
                i++;
            } else if (buffer.startsWith(delimiter, i)) {
                return i + delimiter.length();
            }
        }
        return buffer.length();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
    }

    @Override
    public void setErrorIndex(int errorIndex) {
    }
}
