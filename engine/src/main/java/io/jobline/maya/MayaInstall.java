package io.jobline.maya;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/**
 * Where Maya is: {@code MAYA_LOCATION} (from {@code env:}, else this process's environment), else the platform's
 * default install folder for the version ({@code /usr/autodesk/maya2025} on Linux,
 * {@code /Applications/Autodesk/maya2025/Maya.app/Contents} on macOS, {@code C:\Program Files\Autodesk\Maya2025} on
 * Windows). Found once, when a {@link Maya} is made, so a missing Maya is an error in the script, not a failed job on
 * every node; the nodes then run the executables by that absolute path. Immutable.
 */
record MayaInstall(Path location, String version) {

    /**
     * @param env     the {@code env:} option (may hold {@code MAYA_LOCATION})
     * @param version the {@code version:} option, digits, or {@code null}
     * @throws IllegalArgumentException naming what was looked for and where, when there is no {@code bin/mayapy}
     */
    static MayaInstall find(Map<String, String> env, String version) {
        String given = env.getOrDefault("MAYA_LOCATION", System.getenv("MAYA_LOCATION"));
        if (given != null && !given.isBlank()) {
            Path location = Paths.get(given).toAbsolutePath().normalize();
            if (!isExecutable(location.resolve("bin").resolve(executable("mayapy")))) {
                throw new IllegalArgumentException("MAYA_LOCATION: no executable bin/" + executable("mayapy") + " in '"
                        + location + "'; set it to the Maya install folder that holds bin/mayapy"
                        + (version == null ? "" : " (Maya " + version + ")"));
            }
            return new MayaInstall(location, version);
        }
        if (version == null) {
            throw new IllegalArgumentException("version: say which Maya to run (e.g. version: 2025), or set MAYA_LOCATION"
                    + " (in the environment or in env:) to its install folder");
        }
        Path location = defaultLocation(version);
        if (!isExecutable(location.resolve("bin").resolve(executable("mayapy")))) {
            throw new IllegalArgumentException("version: " + version + ": no Maya " + version + " here: looked for "
                    + location.resolve("bin").resolve(executable("mayapy")) + " (MAYA_LOCATION is not set); install it"
                    + " there or set MAYA_LOCATION to its install folder");
        }
        return new MayaInstall(location, version);
    }

    /** @return the platform's default install folder of Maya {@code version} */
    static Path defaultLocation(String version) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Paths.get("/Applications/Autodesk/maya" + version, "Maya.app", "Contents");
        }
        if (os.contains("win")) {
            return Paths.get("C:\\Program Files\\Autodesk\\Maya" + version);
        }
        return Paths.get("/usr/autodesk/maya" + version);
    }

    /** @return {@code bin/mayapy} */
    Path mayapy() {
        return location.resolve("bin").resolve(executable("mayapy"));
    }

    /**
     * @return {@code bin/Render}
     * @throws IllegalArgumentException when it is not there
     */
    Path render() {
        Path render = location.resolve("bin").resolve(executable("Render"));
        if (!isExecutable(render)) {
            throw new IllegalArgumentException("render: no executable " + render + " (this Maya install has no batch "
                    + "renderer)");
        }
        return render;
    }

    private static String executable(String name) {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? name + ".exe" : name;
    }

    private static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
