package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The documented event catalogue (docs/realtime.md) and the code agree: every event type has exactly
 * one payload record, and the catalogue row of each type names that record and lists its fields in
 * order. A new event, or a field added to a payload, fails here until the documentation says so.
 */
class EventCatalogueTest {

    /** Written by the stream itself, with an empty object as data. */
    private static final Set<String> STREAM_MARKERS = Set.of(EventTypes.HELLO, EventTypes.RESET);

    @Test
    void everyEventTypeHasOneTypedPayloadDocumentedFieldByField() throws Exception {
        Map<String, Class<?>> payloads = payloadsByType();
        Map<String, String> rows = catalogueRows();
        for (String type : eventTypes()) {
            assertThat(rows).as("docs/realtime.md has a catalogue row for " + type).containsKey(type);
            if (STREAM_MARKERS.contains(type)) {
                continue;
            }
            Class<?> payload = payloads.get(type);
            assertThat(payload).as("a record marked @EventPayload(\"" + type + "\")").isNotNull();
            assertThat(payload.isRecord()).as(payload + " is a record").isTrue();
            String row = rows.get(type);
            assertThat(row).as("row of " + type + " names its record").contains("`" + payload.getSimpleName() + "`");
            int from = 0;
            for (RecordComponent field : payload.getRecordComponents()) {
                int at = row.indexOf("`" + field.getName() + "`", from);
                assertThat(at).as("row of " + type + " lists `" + field.getName() + "` (in order)").isGreaterThanOrEqualTo(0);
                from = at;
            }
        }
        assertThat(rows.keySet()).as("no documented type without a constant").containsExactlyInAnyOrderElementsOf(eventTypes());
    }

    private static List<String> eventTypes() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                types.add((String) field.get(null));
            }
        }
        return types;
    }

    private static Map<String, Class<?>> payloadsByType() {
        Map<String, Class<?>> byType = new HashMap<>();
        for (JavaClass marked : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.clavardage")) {
            if (!marked.isAnnotatedWith(EventPayload.class)) {
                continue;
            }
            Class<?> payload = marked.reflect();
            for (String type : payload.getAnnotation(EventPayload.class).value()) {
                Class<?> before = byType.put(type, payload);
                assertThat(before).as("one payload for " + type).isNull();
            }
        }
        return byType;
    }

    /** Rows of the table under "### Catalogue", keyed by the type in their first cell. */
    private static Map<String, String> catalogueRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/realtime.md"));
        Map<String, String> rows = new HashMap<>();
        boolean inCatalogue = false;
        for (String line : lines) {
            if (line.startsWith("### ")) {
                inCatalogue = line.equals("### Catalogue");
            } else if (inCatalogue && line.startsWith("| `")) {
                String type = line.substring(3, line.indexOf('`', 3));
                rows.put(type, line.substring(line.indexOf('|', 3)));
            }
        }
        return rows;
    }
}
