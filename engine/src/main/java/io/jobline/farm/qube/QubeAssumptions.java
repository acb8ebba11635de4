package io.jobline.farm.qube;

import io.jobline.farm.TaskId;
import io.jobline.farm.TaskStatus;
import io.jobline.farm.TaskStatus.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything Jobline assumes about Qube where its documentation is silent (docs/qube.md, "assumed"), in one place,
 * each read permissively; text it cannot read is logged raw (the first few times) so a first contact with a real
 * supervisor shows what to change here.
 *
 * <ul>
 * <li>{@code qbsub --xml} prints one {@code <object type='job'>} with an {@code <id>}; else the first integer in
 *     the output is the job id.</li>
 * <li>{@code qbjobs --xml --status} prints one {@code <object type='job'>} per job (the root's name is not relied
 *     on) with {@code <id>}, {@code <status>} and a {@code <work_list>} of {@code <object type='work'>} in agenda
 *     order: the i-th work object is Jobline's task i (its {@code <name>} is only for messages). A work object's
 *     {@code <host>} (if any) is its node.</li>
 * <li>A status is a name or Qube's integer code (the table below); an unknown one is not final.</li>
 * <li>A job that is final (killed, failed, badlogin) ends its work items that are not final with its own state:
 *     after {@code qbkill} Qube need not update each item.</li>
 * <li>{@code QB_FRAME_START} in the command line is replaced by the work item's first frame; jobs nest through
 *     {@code QBLVL} in the environment.</li>
 * </ul>
 */
final class QubeAssumptions {

    private static final Logger LOG = Logger.getLogger(QubeAssumptions.class.getName());
    private static final AtomicInteger UNREAD = new AtomicInteger();
    private static final Pattern JOB_ID = Pattern.compile("<id>\\s*(\\d+)\\s*</id>");
    private static final Pattern INTEGER = Pattern.compile("\\b(\\d+)\\b");

    /** What Jobline's job script receives as its first argument: the work item's first frame. */
    static final String FRAME_START = "QB_FRAME_START";
    /** Qube's nesting depth in a job's environment. */
    static final String LEVEL = "QBLVL";

    private static final Map<String, String> NAMES_BY_CODE = Map.ofEntries(
            Map.entry("16", "complete"), Map.entry("32", "failed"), Map.entry("48", "killed"),
            Map.entry("272", "blocked"), Map.entry("288", "waiting"), Map.entry("323", "waiting"),
            Map.entry("304", "suspended"), Map.entry("320", "pending"), Map.entry("325", "badlogin"),
            Map.entry("336", "running"));

    private QubeAssumptions() {
    }

    /**
     * @return the job id in what {@code qbsub --xml} printed
     * @throws IllegalStateException quoting the output when there is none
     */
    static String jobId(String output) {
        Matcher m = JOB_ID.matcher(output);
        if (m.find()) {
            return m.group(1);
        }
        m = INTEGER.matcher(output);
        if (m.find()) {
            unread("qbsub --xml printed no <id>; taking the first integer, " + m.group(1), output);
            return m.group(1);
        }
        throw new IllegalStateException("qbsub printed no job id: '" + output.strip() + "'");
    }

    /** @return a status's name: itself, or the name of Qube's integer code; lower case */
    static String statusName(String status) {
        String s = status == null ? "" : status.strip().toLowerCase(java.util.Locale.ROOT);
        return NAMES_BY_CODE.getOrDefault(s, s);
    }

    /** @return what a Qube job or work status means for a task; an unknown one is logged and taken as not final */
    static Phase phase(String name) {
        return switch (name) {
            case "complete", "failed", "killed", "badlogin" -> Phase.ENDED;
            case "running", "failing" -> Phase.RUNNING;
            case "pending", "blocked", "waiting", "suspended", "retrying", "" -> Phase.WAITING;
            default -> {
                unread("unknown Qube status '" + name + "', taken as not final", name);
                yield Phase.WAITING;
            }
        };
    }

    /**
     * @return the tasks in what {@code qbjobs --xml --status} printed, by job id and position in its work list
     * @throws IllegalStateException when the text is not XML at all (quoting it)
     */
    static Map<TaskId, TaskStatus> tasks(String output) {
        Map<TaskId, TaskStatus> tasks = new LinkedHashMap<>();
        if (output.isBlank()) {
            return tasks;
        }
        Document doc = parse(output);
        for (Element job : objects(doc.getDocumentElement(), "job")) {
            String id = text(job, "id");
            if (id.isEmpty()) {
                unread("a job object without <id>", output);
                continue;
            }
            String jobStatus = statusName(text(job, "status"));
            Phase jobPhase = phase(jobStatus);
            Element list = child(job, "work_list");
            List<Element> work = list == null ? List.of() : objects(list, "work");
            if (list == null) {
                unread("job " + id + " has no <work_list>", output);
            }
            for (int i = 0; i < work.size(); i++) {
                Element item = work.get(i);
                String status = statusName(text(item, "status"));
                Phase phase = phase(status);
                String reason = "work " + text(item, "name");
                if (jobPhase == Phase.ENDED && phase != Phase.ENDED) {
                    phase = Phase.ENDED;
                    reason = reason + " was " + (status.isEmpty() ? "?" : status) + " when job " + id + " ended";
                    status = jobStatus;
                }
                tasks.put(new TaskId(id, i), new TaskStatus(phase, status, reason, text(item, "host")));
            }
        }
        return tasks;
    }

    private static Document parse(String output) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            String xml = output.strip();
            int start = xml.indexOf('<');
            return builder.parse(new InputSource(new StringReader(start > 0 ? xml.substring(start) : xml)));
        } catch (Exception e) {
            unread("qbjobs answered text that is not XML (" + e.getMessage() + ")", output);
            throw new IllegalStateException("qbjobs answered text that is not XML: '" + clip(output.strip()) + "'");
        }
    }

    /** @return the {@code <object type='TYPE'>} elements at any depth under {@code root} (root included) */
    private static List<Element> objects(Element root, String type) {
        List<Element> found = new ArrayList<>();
        if (isObject(root, type)) {
            found.add(root);
            return found;
        }
        NodeList all = root.getElementsByTagName("object");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (isObject(e, type) && !insideObject(e, root, type)) {
                found.add(e);
            }
        }
        return found;
    }

    private static boolean isObject(Element e, String type) {
        return "object".equals(e.getTagName()) && type.equalsIgnoreCase(e.getAttribute("type"));
    }

    /** Work objects belong to their job: a job's list is not mixed with a nested job's. */
    private static boolean insideObject(Element e, Element root, String type) {
        for (Node p = e.getParentNode(); p != null && p != root; p = p.getParentNode()) {
            if (p instanceof Element && isObject((Element) p, type)) {
                return true;
            }
        }
        return false;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && name.equals(((Element) n).getTagName())) {
                return (Element) n;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }

    /** Logs text Jobline could not read as it expected, raw, the first 20 times in this JVM. */
    static void unread(String what, String raw) {
        Level level = UNREAD.incrementAndGet() <= 20 ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "Qube: " + what + "; raw text: " + clip(raw));
    }

    private static String clip(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "… (" + text.length() + " characters)";
    }
}
