package io.jobline.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import groovy.lang.GroovySystem;
import picocli.CommandLine.IVersionProvider;

/** {@code jobline --version}: Jobline's version (the Maven project version, filtered into a resource), its runtime. */
final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "jobline " + version(),
            "Groovy " + GroovySystem.getVersion() + ", Java " + Runtime.version()
                    + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** @return the version Maven filtered into {@value #RESOURCE} */
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
