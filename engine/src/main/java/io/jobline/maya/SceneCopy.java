package io.jobline.maya;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code tempCopy: true}: the scene as it is now, copied next to it as
 * {@code <scene dir>/.jobline/<name>.<UTC timestamp><ext>} (qbfutures' {@code create_tempfile}), so the farm renders
 * what the artist saw even while they keep working on the scene. The copy appears under its name complete (a
 * temporary name, then a rename) and is never overwritten: two copies in the same millisecond get different names.
 * Copies are kept: each is the scene a job ran on.
 */
final class SceneCopy {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SceneCopy() {
    }

    /** @return the copy of {@code scene} */
    static Path of(Path scene, Instant now) throws IOException {
        Path dir = scene.getParent().resolve(".jobline");
        Files.createDirectories(dir);
        String file = scene.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String name = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : "";
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            Files.copy(scene, tmp, StandardCopyOption.REPLACE_EXISTING);
            for (Instant at = now; ; at = at.plusMillis(1)) {
                Path copy = dir.resolve(name + "." + STAMP.format(at) + ext);
                try {
                    Files.createFile(copy);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return copy;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
