package fr.clavardage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** module-descriptor.xml is what a host reads: it must be valid against our schema and say the truth. */
class ModuleDescriptorTest {

    private static final Path DESCRIPTOR = Path.of("module-descriptor.xml");
    private static final Path SCHEMA = Path.of("src/main/webapp/META-INF/module-descriptor.xsd");
    private static final String NS = "urn:clavardage:module-descriptor:1";

    private static Validator validator() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(SCHEMA.toFile()).newValidator();
    }

    private static Document parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(DESCRIPTOR.toFile());
    }

    @Test
    void isValidAgainstTheSchema() throws Exception {
        validator().validate(new StreamSource(DESCRIPTOR.toFile()));
    }

    @Test
    void schemaRejectsADescriptorMissingItsStorage() throws Exception {
        String broken = Files.readString(DESCRIPTOR).replaceAll("(?s)<storage.*?/>", "");
        File file = File.createTempFile("descriptor", ".xml");
        file.deleteOnExit();
        Files.writeString(file.toPath(), broken);
        assertThatThrownBy(() -> validator().validate(new StreamSource(file))).isInstanceOf(SAXException.class);
    }

    @Test
    void declaresTheMenuTheWidgetThePermissionsAndTheStorage() throws Exception {
        Element root = parse().getDocumentElement();
        assertThat(root.getAttribute("id")).isEqualTo("clavardage");
        assertThat(root.getAttribute("version")).isEqualTo(System.getProperty("project.version", root.getAttribute("version")));

        Element menu = (Element) root.getElementsByTagNameNS(NS, "menu").item(0);
        assertThat(menu.getAttribute("parent")).isEqualTo("metier");
        assertThat(menu.getAttribute("permission")).isEqualTo("clavardage.use");
        assertThat(menu.getTextContent()).contains("Clavardage");

        Element widget = (Element) root.getElementsByTagNameNS(NS, "widget").item(0);
        assertThat(widget.getTextContent()).contains("Miaou !");
        assertThat(widget.getAttribute("permission")).isEqualTo("clavardage.use");

        var permissions = root.getElementsByTagNameNS(NS, "permission");
        assertThat(permissions.getLength()).isEqualTo(2);

        Element storage = (Element) root.getElementsByTagNameNS(NS, "storage").item(0);
        assertThat(storage.getAttribute("table-prefix")).isEqualTo("clv_");
        assertThat(storage.getAttribute("history-table")).isEqualTo("clv_schema_history");
        assertThat(storage.getAttribute("datasource")).isEqualTo("java:comp/env/jdbc/clavardage");
    }

    @Test
    void everyMigrationCreatesOnlyPrefixedTables() throws Exception {
        try (var files = Files.list(Path.of("src/main/resources/db/clavardage"))) {
            for (Path file : files.toList()) {
                String sql = Files.readString(file).toLowerCase();
                var matcher = java.util.regex.Pattern.compile("create\\s+(?:table|index)\\s+(?:if not exists\\s+)?(\\w+)")
                        .matcher(sql);
                while (matcher.find()) {
                    assertThat(matcher.group(1)).as(file + " creates " + matcher.group(1)).startsWith("clv_");
                }
            }
        }
    }
}
