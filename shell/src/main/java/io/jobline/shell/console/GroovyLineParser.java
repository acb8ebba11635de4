package io.jobline.shell.console;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

import io.jobline.shell.repl.InputScanner;

/**
 * JLine's view of Groovy input. On Enter, unfinished Groovy ({@link InputScanner#needsMore}) raises
 * {@link EOFError}, which makes JLine ask for another line with the continuation prompt; a {@code :command} line is
 * always complete. For completion, the word at the cursor is the Groovy name chain there ({@code p.sta} in
 * {@code foo(p.sta}); command lines are split at spaces.
 */
final class GroovyLineParser implements Parser {

    private final DefaultParser commandParser = new DefaultParser();

    GroovyLineParser() {
        commandParser.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        boolean command = isCommand(line);
        if (command) {
            return commandParser.parse(line, cursor, context);
        }
        if (context == ParseContext.ACCEPT_LINE && InputScanner.needsMore(line)) {
            throw new EOFError(-1, -1, "unfinished Groovy");
        }
        return codeLine(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** @return whether {@code line} is a shell command ({@code :jobs}, {@code /jobs}) rather than Groovy */
    static boolean isCommand(String line) {
        String start = line.stripLeading();
        return start.length() > 1 && (start.charAt(0) == ':' || start.charAt(0) == '/')
                && Character.isLetter(start.charAt(1));
    }

    private static ParsedLine codeLine(String line, int cursor) {
        int at = Math.max(0, Math.min(cursor, line.length()));
        int start = at;
        while (start > 0 && isNameChar(line.charAt(start - 1))) {
            start--;
        }
        String word = line.substring(start, at);
        List<String> words = new ArrayList<>();
        if (start > 0) {
            words.add(line.substring(0, start));
        }
        words.add(word);
        return new CodeLine(line, word, words, at);
    }

    private static boolean isNameChar(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }

    /** The parsed line for completing a name: the word is the name chain before the cursor. */
    private static final class CodeLine implements CompletingParsedLine {
        private final String line;
        private final String word;
        private final List<String> words;
        private final int cursor;

        CodeLine(String line, String word, List<String> words, int cursor) {
            this.line = line;
            this.word = word;
            this.words = words;
            this.cursor = cursor;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return words.size() - 1;
        }

        @Override
        public List<String> words() {
            return words;
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
