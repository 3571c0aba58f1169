package fr.clavardage.host.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the demo host reads from a module's {@code module-descriptor.xml} to show it: its menu entries
 * and widgets, each with the permission that reveals it. A real host reads the same elements.
 */
record ModuleDescriptor(String id, String version, List<Entry> menus, List<Entry> widgets) {

    static final String NAMESPACE = "urn:clavardage:module-descriptor:1";

    /** A menu entry or a widget: labels by language, the URL it opens (relative to the mount point). */
    record Entry(String id, String parent, int order, String entry, String permission, Map<String, String> labels,
                 int width, int height, int minWidth, int minHeight) {
    }

    static ModuleDescriptor read(InputStream xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(xml);
            Element root = doc.getDocumentElement();
            return new ModuleDescriptor(root.getAttribute("id"), root.getAttribute("version"),
                    entries(root, "menu", "label"), entries(root, "widget", "title"));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("Unreadable module descriptor", e);
        }
    }

    private static List<Entry> entries(Element root, String tag, String labelTag) {
        List<Entry> entries = new ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            Map<String, String> labels = new LinkedHashMap<>();
            NodeList labelNodes = e.getElementsByTagNameNS(NAMESPACE, labelTag);
            for (int j = 0; j < labelNodes.getLength(); j++) {
                Element label = (Element) labelNodes.item(j);
                labels.put(label.getAttribute("lang"), label.getTextContent().strip());
            }
            entries.add(new Entry(e.getAttribute("id"), e.getAttribute("parent"), intAttr(e, "order", 100),
                    e.getAttribute("entry"), e.getAttribute("permission"), labels,
                    intAttr(e, "default-width", 0), intAttr(e, "default-height", 0),
                    intAttr(e, "min-width", 0), intAttr(e, "min-height", 0)));
        }
        return entries;
    }

    /** The schema's default when the attribute is absent. */
    private static int intAttr(Element e, String name, int fallback) {
        String value = e.getAttribute(name);
        return value.isEmpty() ? fallback : Integer.parseInt(value);
    }
}
