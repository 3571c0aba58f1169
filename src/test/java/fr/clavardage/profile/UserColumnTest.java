package fr.clavardage.profile;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.host.HostUser;
import fr.clavardage.presence.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The users column's order and paging, on entries built in memory. */
class UserColumnTest {

    private static UserColumn.Entry entry(String id, String name, Status status) {
        return new UserColumn.Entry(new HostUser(id, id, name, id + "@exemple.fr", true), ProfileSummary.NONE, status, name,
                UserColumn.collator().getCollationKey(name), UserColumn.normalize(name), true);
    }

    private static List<UserColumn.Entry> company() {
        List<UserColumn.Entry> entries = new ArrayList<>(List.of(
                entry("u-gerard", "Gérard Stagiaire", Status.OFFLINE), entry("u-emilie", "Émilie Roux", Status.OFFLINE),
                entry("u-zoe", "Zoé Zola", Status.ONLINE), entry("u-david", "David Petit", Status.OFFLINE),
                entry("u-alice", "Alice Durand", Status.ONLINE), entry("u-chloe", "Cloclo", Status.OFFLINE),
                entry("u-bruno", "Bruno Lefèvre", Status.AWAY), entry("u-francois", "François Moreau", Status.OFFLINE)));
        entries.sort(UserColumn.ORDER);
        return entries;
    }

    @Test
    void ordersByStatusThenByNameInFrenchCollation() {
        assertThat(company()).extracting(e -> e.user().id()).containsExactly(
                "u-alice", "u-zoe", "u-bruno", "u-chloe", "u-david", "u-emilie", "u-francois", "u-gerard");
    }

    @Test
    void pagesCoverEveryoneOnceWithTheCallerLast() {
        List<UserColumn.Entry> ordered = company();
        UserColumn.Entry self = ordered.get(0);
        List<String> seen = new ArrayList<>();
        UserColumn.Cursor cursor = null;
        int pages = 0;
        do {
            UserColumn.Slice slice = UserColumn.slice(ordered, self, self, null, null, cursor, 3);
            slice.entries().forEach(e -> seen.add(e.user().id()));
            cursor = slice.nextCursor() == null ? null : UserColumn.Cursor.parse(slice.nextCursor());
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("u-zoe", "u-bruno", "u-chloe", "u-david", "u-emilie", "u-francois",
                "u-gerard", "u-alice");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersByStatusAndAccentFreeText() {
        List<UserColumn.Entry> ordered = company();
        assertThat(UserColumn.slice(ordered, null, null, Status.OFFLINE, null, null, 50).entries())
                .allMatch(e -> e.status() == Status.OFFLINE).hasSize(5);
        assertThat(UserColumn.slice(ordered, null, null, null, UserColumn.normalize("EMILIE"), null, 50).entries())
                .extracting(e -> e.user().id()).containsExactly("u-emilie");
    }
}
