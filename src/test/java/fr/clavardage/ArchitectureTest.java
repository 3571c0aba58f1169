package fr.clavardage;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, kept by tests: no cycle between packages; the platform, the host boundary
 * and the event stream know no feature; the access policy knows only the platform; only repositories
 * query, and each table has one owning repository.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"fr.clavardage.channel..", "fr.clavardage.message..",
            "fr.clavardage.profile..", "fr.clavardage.presence..", "fr.clavardage.unread..", "fr.clavardage.realtime..",
            "fr.clavardage.typing..", "fr.clavardage.emoji..", "fr.clavardage.access.."};

    private static JavaClasses code;

    @BeforeAll
    static void importCode() {
        code = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.clavardage");
    }

    @Test
    void thePlatformKnowsNoFeatureAndNoHost() {
        noClasses().that().resideInAPackage("fr.clavardage.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAPackage("fr.clavardage.host..")
                .check(code);
    }

    /** Features call down or publish events; none calls back into one that calls it. */
    @Test
    void featuresFormNoCycle() {
        slices().matching("fr.clavardage.(*)..").should().beFreeOfCycles().check(code);
    }

    /** The event stream knows no feature: features publish to it and implement its small interfaces. */
    @Test
    void realtimeKnowsNoFeature() {
        noClasses().that().resideInAPackage("fr.clavardage.realtime..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        Stream.of(FEATURES).filter(f -> !f.startsWith("fr.clavardage.realtime") && !f.startsWith("fr.clavardage.access"))
                                .toArray(String[]::new))
                .check(code);
    }

    @Test
    void theHostBoundaryKnowsNoFeature() {
        noClasses().that().resideInAPackage("fr.clavardage.host..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(code);
    }

    /** The demo host is not part of the module: nothing the WAR ships may name it (ProductionWarIT checks the WAR). */
    @Test
    void theModuleKnowsNothingOfTheDemoHost() {
        noClasses().that().resideInAPackage("fr.clavardage..")
                .should().dependOnClassesThat().resideInAPackage("fr.clavardage.host.demo..")
                .check(code);
    }

    /**
     * The demo host (src/demo, built into target/demo-classes) plugs in as a real host does: through
     * the host SPI in {@code fr.clavardage.host} only, never the module's platform or features.
     */
    @Test
    void theDemoHostUsesTheHostSpiOnly() {
        Path demoClasses = Path.of("target/demo-classes");
        assertThat(demoClasses.resolve("fr/clavardage/host/demo")).as("the demo host is compiled").isDirectory();
        JavaClasses demo = new ClassFileImporter().importPath(demoClasses);
        classes().that().resideInAPackage("fr.clavardage.host.demo..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("fr.clavardage..")
                        .or(resideInAPackage("fr.clavardage.host..")))
                .check(demo);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAPackage("fr.clavardage.platform..")
                .check(demo);
    }

    @Test
    void theAccessPolicyDecidesFromFactsAlone() {
        noClasses().that().resideInAPackage("fr.clavardage.access..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        Stream.concat(Stream.of(FEATURES).filter(f -> !f.startsWith("fr.clavardage.access")),
                                Stream.of("fr.clavardage.host..", "fr.clavardage.platform.persistence..")).toArray(String[]::new))
                .check(code);
    }

    /**
     * One instance of each resource serves every request: a request-scoped one cost each request a new
     * CDI bean and a reflective injection pass of Jersey's (3 % of the node's CPU in a 5,000-user
     * profile). So nothing of a request may live in a resource's fields: what varies comes as a parameter.
     */
    @Test
    void resourcesAreSingletonsWithNothingOfARequestInTheirFields() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().beAnnotatedWith(jakarta.enterprise.context.ApplicationScoped.class)
                .check(code);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
                .that().areDeclaredInClassesThat().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().beAnnotatedWith(jakarta.ws.rs.core.Context.class)
                .check(code);
    }

    @Test
    void onlyRepositoriesQueryTheDatabase() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().doNotHaveSimpleName("EventLog")
                .and().resideOutsideOfPackage("fr.clavardage.platform.persistence..")
                .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .check(code);
    }

    /** Tables (and the entities mapped on them) are queried by their owner only. */
    @Test
    void eachTableHasOneOwningRepository() throws IOException {
        Map<String, String> owners = Map.ofEntries(
                Map.entry("clv_channel|Channel", "channel/ChannelRepository.java"),
                Map.entry("clv_membership|Membership", "channel/ChannelRepository.java"),
                Map.entry("clv_post|clv_post_recipient|Post", "message/PostRepository.java"),
                Map.entry("clv_profile|clv_avatar|Profile|Avatar", "profile/ProfileRepository.java"),
                Map.entry("clv_presence|clv_presence_announced", "presence/PresenceRepository.java"),
                Map.entry("clv_event", "realtime/EventLog.java"));
        Path root = Path.of("src/main/java/fr/clavardage");
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String relative = root.relativize(file).toString();
                owners.forEach((names, owner) -> {
                    // In SQL or JPQL: after from / join / update / into, or a delete from.
                    Matcher query = Pattern.compile("\\b(from|join|update|into)\\s+(" + names + ")\\b").matcher(source);
                    if (query.find() && !relative.equals(owner)) {
                        trespasses.add(relative + " queries " + query.group(2) + " (owner: " + owner + ")");
                    }
                });
            }
        }
        assertThat(trespasses).isEmpty();
    }
}
