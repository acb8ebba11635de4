package io.jobline.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Makes {@code @Grab} resolve from where the machine's Maven resolves: Grape's own default (its cache in
 * {@code ~/.groovy/grapes}, the local Maven repository, Maven Central) unless {@code ~/.m2/settings.xml} names a
 * mirror of Central or another local repository, in which case Grape is given an Ivy configuration with those.
 *
 * <p>Left alone: a {@code grape.config} system property, or a {@code ~/.groovy/grapeConfig.xml}, which Grape reads
 * itself, as {@code groovy} does. Not supported: credentials of a mirror (Ivy wants a realm Maven does not have).
 */
public final class GrapeSettings {

    private static final String CENTRAL = "https://repo1.maven.org/maven2/";

    private static volatile boolean configured;
    private static volatile String searched = "~/.groovy/grapes, ~/.m2/repository, " + CENTRAL;

    private GrapeSettings() {
    }

    /** Sets Grape up once, before the first script that grabs compiles. Never throws: at worst Grape's default stays. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        Path home = Path.of(System.getProperty("user.home"));
        if (System.getProperty("grape.config") != null) {
            searched = "the repositories of " + System.getProperty("grape.config");
            return;
        }
        if (Files.exists(home.resolve(".groovy/grapeConfig.xml"))) {
            searched = "the repositories of ~/.groovy/grapeConfig.xml";
            return;
        }
        Path settings = home.resolve(".m2/settings.xml");
        if (!Files.isRegularFile(settings)) {
            return;
        }
        try {
            Document doc = parse(settings);
            String local = text(doc.getDocumentElement(), "localRepository");
            String mirror = null;
            NodeList mirrors = doc.getElementsByTagName("mirror");
            for (int i = 0; i < mirrors.getLength() && mirror == null; i++) {
                Element element = (Element) mirrors.item(i);
                if (mirrorsCentral(text(element, "mirrorOf"))) {
                    mirror = text(element, "url");
                }
            }
            if (local == null && mirror == null) {
                return;
            }
            Path localRepository = local == null ? home.resolve(".m2/repository") : Path.of(local);
            String remote = mirror == null ? CENTRAL : (mirror.endsWith("/") ? mirror : mirror + "/");
            Path config = Files.createTempFile("jobline-grape", ".xml");
            config.toFile().deleteOnExit();
            Files.writeString(config, ivySettings(localRepository, remote), StandardCharsets.UTF_8);
            System.setProperty("grape.config", config.toString());
            searched = "~/.groovy/grapes, " + localRepository + ", " + remote + " (from ~/.m2/settings.xml)";
        } catch (IOException | RuntimeException | javax.xml.parsers.ParserConfigurationException
                 | org.xml.sax.SAXException e) {
            System.err.println("jobline: ~/.m2/settings.xml could not be read for @Grab (" + e.getMessage()
                    + "); Grape uses its default repositories");
        }
    }

    /** @return the repositories Grape searches, in words, for a message saying an artifact was not found */
    static String searched() {
        return searched;
    }

    /** Maven's {@code mirrorOf}: {@code *}, {@code central}, {@code external:*}, or a list holding one of them. */
    private static boolean mirrorsCentral(String mirrorOf) {
        if (mirrorOf == null) {
            return false;
        }
        List<String> names = new ArrayList<>();
        for (String name : mirrorOf.split(",")) {
            names.add(name.strip());
        }
        return !names.contains("!central")
                && (names.contains("*") || names.contains("central") || names.contains("external:*"));
    }

    private static String ivySettings(Path localRepository, String remote) {
        String local = localRepository.toUri().toString();
        return "<ivysettings>\n"
                + "  <settings defaultResolver=\"downloadGrapes\"/>\n"
                + "  <caches lockStrategy=\"artifact-lock-nio\"/>\n"
                + "  <resolvers>\n"
                + "    <chain name=\"downloadGrapes\" returnFirst=\"true\">\n"
                + "      <filesystem name=\"cachedGrapes\">\n"
                + "        <ivy pattern=\"${user.home}/.groovy/grapes/[organisation]/[module]/ivy-[revision].xml\"/>\n"
                + "        <artifact pattern=\"${user.home}/.groovy/grapes/[organisation]/[module]/[type]s/"
                + "[artifact]-[revision](-[classifier]).[ext]\"/>\n"
                + "      </filesystem>\n"
                + "      <ibiblio name=\"localm2\" root=\"" + xml(local) + "\" checkmodified=\"true\""
                + " changingPattern=\".*\" changingMatcher=\"regexp\" m2compatible=\"true\"/>\n"
                + "      <ibiblio name=\"maven\" root=\"" + xml(remote) + "\" m2compatible=\"true\"/>\n"
                + "    </chain>\n"
                + "  </resolvers>\n"
                + "</ivysettings>\n";
    }

    private static Document parse(Path file) throws IOException, javax.xml.parsers.ParserConfigurationException,
            org.xml.sax.SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** @return the text of {@code parent}'s first child element called {@code name}, trimmed, or null */
    private static String text(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element && name.equals(((Element) children.item(i)).getTagName())) {
                String text = children.item(i).getTextContent().strip();
                return text.isEmpty() ? null : text.replace("${user.home}", System.getProperty("user.home"));
            }
        }
        return null;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
