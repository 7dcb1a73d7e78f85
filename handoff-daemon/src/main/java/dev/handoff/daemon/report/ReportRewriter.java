package dev.handoff.daemon.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Writes the {@link StoredFacts} over the report JUnit's legacy XML listener wrote for a replay.
 *
 * <p>Why rewrite at all: the listener takes its times from its own clock (its constructor with a
 * {@code Clock} is package-private, in 1.14 and in 6.x alike), so a replay would report every
 * attempt as taking no time and the run as happening now; and it writes the daemon JVM's system
 * properties, which are not the run's facts and may hold secrets. Nothing else is changed, except
 * what only makes sense for a live JUnit run: the replay's unique ids and display names that the
 * listener writes into each {@code <system-out>} go, and testcases come in the order the attempts
 * finished (the listener's order is a hash map's).
 *
 * <p>Times are written as plain seconds with up to three decimals ({@code 1.5}, {@code 1234.5}),
 * without the grouping commas the listener's {@code NumberFormat} puts into long times. The
 * timestamp, which the format has without a zone, is UTC.
 */
final class ReportRewriter {

    private static final String UNIQUE_ID_LINE = "unique-id: ";

    /** The character JUnit's listener puts in place of one XML 1.0 cannot hold. */
    private static final char ILLEGAL_CHARACTER_REPLACEMENT = '\uFFFD';

    private ReportRewriter() {}

    static String rewrite(Path report, StoredFacts facts) {
        Document document = parse(report);
        Element testsuite = document.getDocumentElement();
        testsuite.setAttribute("time", seconds(facts.duration()));
        testsuite.setAttribute(
                "timestamp",
                LocalDateTime.ofInstant(facts.startedAt(), ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        child(testsuite, "properties").ifPresent(properties -> replaceProperties(properties, facts.properties()));
        Optional<Element> suiteOutput = child(testsuite, "system-out");
        rewriteTestcases(testsuite, suiteOutput.orElse(null), facts);
        suiteOutput.ifPresent(output -> replaceSuiteOutput(output, facts.setupLog()));
        return serialize(document);
    }

    private static void replaceProperties(Element properties, Map<String, String> facts) {
        removeChildren(properties);
        Document document = properties.getOwnerDocument();
        properties.appendChild(document.createTextNode("\n"));
        facts.forEach((name, value) -> {
            Element property = document.createElement("property");
            property.setAttribute("name", xmlSafe(name));
            property.setAttribute("value", xmlSafe(value));
            properties.appendChild(property);
            properties.appendChild(document.createTextNode("\n"));
        });
    }

    private static void replaceSuiteOutput(Element output, String setupLog) {
        if (setupLog.isBlank()) {
            remove(output);
            return;
        }
        removeChildren(output);
        output.appendChild(output.getOwnerDocument().createTextNode("\n" + xmlSafe(setupLog.stripTrailing()) + "\n"));
    }

    /** Puts each testcase in its stored place, with its stored time and failure type, before {@code anchor}. */
    private static void rewriteTestcases(Element testsuite, Node anchor, StoredFacts facts) {
        Map<String, Integer> positions = new HashMap<>();
        facts.testcases().sequencedKeySet().forEach(id -> positions.put(id, positions.size()));
        List<Placed> testcases = new ArrayList<>();
        for (Element testcase : children(testsuite, "testcase")) {
            Optional<String> id = uniqueId(testcase);
            testcases.add(new Placed(
                    testcase,
                    id.orElse(null),
                    id.map(facts.testcases()::get),
                    id.map(positions::get).orElse(Integer.MAX_VALUE)));
        }
        testcases.sort(Comparator.comparingInt(Placed::position));
        for (Placed placed : testcases) {
            Element testcase = placed.testcase();
            removeReplayOutput(testcase);
            placed.test().ifPresent(test -> applyStored(testcase, test));
            Optional.ofNullable(placed.id())
                    .map(facts.traceIds()::get)
                    .ifPresent(traceId -> traceProperty(testcase, traceId));
            remove(testcase);
            testsuite.insertBefore(testcase, anchor);
            testsuite.insertBefore(testsuite.getOwnerDocument().createTextNode("\n"), anchor);
        }
    }

    /** A testcase of the listener's report, the test it replays and where it goes. */
    private record Placed(Element testcase, String id, Optional<ReplayedTest> test, int position) {}

    /** {@code <properties><property name="traceId" .../></properties>} first in the testcase, as CI servers read it. */
    private static void traceProperty(Element testcase, String traceId) {
        Document document = testcase.getOwnerDocument();
        Element properties = document.createElement("properties");
        Element property = document.createElement("property");
        property.setAttribute("name", "traceId");
        property.setAttribute("value", xmlSafe(traceId));
        properties.appendChild(property);
        testcase.insertBefore(properties, testcase.getFirstChild());
    }

    private static void applyStored(Element testcase, ReplayedTest test) {
        testcase.setAttribute("time", seconds(test.time()));
        List<Element> failures = new ArrayList<>(children(testcase, "failure"));
        failures.addAll(children(testcase, "error"));
        for (Element failure : failures) {
            test.failureType()
                    .ifPresentOrElse(
                            type -> failure.setAttribute("type", xmlSafe(type)), () -> failure.removeAttribute("type"));
        }
    }

    /** The unique id the listener writes as the first line of a testcase's first {@code <system-out>}. */
    private static Optional<String> uniqueId(Element testcase) {
        return children(testcase, "system-out").stream()
                .map(output -> output.getTextContent().strip())
                .filter(text -> text.startsWith(UNIQUE_ID_LINE))
                .map(text -> text.substring(UNIQUE_ID_LINE.length())
                        .lines()
                        .findFirst()
                        .orElse(""))
                .findFirst();
    }

    /** The listener's {@code unique-id}/{@code display-name} output, and its empty output for report entries it did not list. */
    private static void removeReplayOutput(Element testcase) {
        for (Element output : children(testcase, "system-out")) {
            String text = output.getTextContent().strip();
            if (text.isEmpty() || text.startsWith(UNIQUE_ID_LINE)) {
                remove(output);
            }
        }
    }

    static String seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** A value XML 1.0 can hold: each character it cannot becomes U+FFFD, as the listener does. */
    static String xmlSafe(String text) {
        if (text.codePoints().allMatch(ReportRewriter::isXmlCharacter)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isXmlCharacter(c)) {
                safe.appendCodePoint(c);
            } else {
                safe.append(ILLEGAL_CHARACTER_REPLACEMENT);
            }
        });
        return safe.toString();
    }

    private static boolean isXmlCharacter(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static void removeChildren(Element parent) {
        while (parent.getFirstChild() != null) {
            parent.removeChild(parent.getFirstChild());
        }
    }

    /** Removes the node and the line break the listener wrote after it. */
    private static void remove(Node node) {
        Node next = node.getNextSibling();
        if (next != null
                && next.getNodeType() == Node.TEXT_NODE
                && next.getNodeValue().isBlank()) {
            next.getParentNode().removeChild(next);
        }
        node.getParentNode().removeChild(node);
    }

    private static Document parse(Path report) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(report.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("JUnit's legacy XML report could not be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("JUnit's legacy XML report could not be read: " + report, e);
        }
    }

    private static String serialize(Document document) {
        try {
            document.setXmlStandalone(true);
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter xml = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(xml));
            return xml.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("the JUnit XML report could not be written: " + e.getMessage(), e);
        }
    }
}
