package io.jobline.shell.commands;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.Candidate;

/** File name completion for {@code :load}: the entries of the typed directory that start with the typed name. */
final class FileNames {

    private FileNames() {
    }

    static void complete(String typed, List<Candidate> candidates) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir;
        try {
            dir = dirPart.isEmpty() ? Path.of(".") : Path.of(dirPart);
        } catch (InvalidPathException e) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean directory = Files.isDirectory(entry);
                String value = dirPart + name + (directory ? "/" : "");
                candidates.add(new Candidate(value, name + (directory ? "/" : ""), null, null, null, null,
                        !directory));
            }
        } catch (IOException e) {
            // an unreadable directory completes nothing
        }
    }
}
