package fr.clavardage.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.access.AccessPolicy.Seat;
import fr.clavardage.platform.security.Actor;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules as a table: actor (a user, an ERP admin) × their seat in the channel (none, member,
 * channel admin) × the channel's kind (public, private, General) → what each operation answers.
 */
class AccessPolicyTest {

    private static final Actor USER = new Actor("u-user", false);
    private static final Actor ERP_ADMIN = new Actor("u-admin", true);

    enum Kind { PUBLIC, PRIVATE, GENERAL }

    enum Place { NONE, MEMBER, CHANNEL_ADMIN }

    private static Seat seat(Kind kind, Place place) {
        return Seat.of(kind == Kind.PRIVATE, kind == Kind.GENERAL, place != Place.NONE, place == Place.CHANNEL_ADMIN);
    }

    /** actor, kind, place → see, post, add others, manage, remove someone else. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(USER, Kind.PUBLIC, Place.NONE, true, false, false, false, false),
                Arguments.of(USER, Kind.PUBLIC, Place.MEMBER, true, true, true, false, false),
                Arguments.of(USER, Kind.PUBLIC, Place.CHANNEL_ADMIN, true, true, true, true, true),
                Arguments.of(USER, Kind.PRIVATE, Place.NONE, false, false, false, false, false),
                Arguments.of(USER, Kind.PRIVATE, Place.MEMBER, true, true, true, false, false),
                Arguments.of(USER, Kind.PRIVATE, Place.CHANNEL_ADMIN, true, true, true, true, true),
                Arguments.of(USER, Kind.GENERAL, Place.MEMBER, true, true, true, false, false),
                Arguments.of(USER, Kind.GENERAL, Place.CHANNEL_ADMIN, true, true, true, false, true),
                // An ERP admin manages what they can see, but a private channel they are not in does not exist for them.
                Arguments.of(ERP_ADMIN, Kind.PUBLIC, Place.NONE, true, false, false, true, true),
                Arguments.of(ERP_ADMIN, Kind.PRIVATE, Place.NONE, false, false, false, false, false),
                Arguments.of(ERP_ADMIN, Kind.PRIVATE, Place.MEMBER, true, true, true, true, true),
                Arguments.of(ERP_ADMIN, Kind.GENERAL, Place.MEMBER, true, true, true, true, true));
    }

    @ParameterizedTest(name = "{0} in {1} as {2}")
    @MethodSource("table")
    void channelRules(Actor actor, Kind kind, Place place, boolean see, boolean post, boolean addOthers,
                      boolean manage, boolean removeOther) {
        Seat seat = seat(kind, place);
        assertThat(AccessPolicy.canSee(seat)).as("see").isEqualTo(see);
        assertThat(AccessPolicy.canPost(seat)).as("post").isEqualTo(post);
        assertThat(AccessPolicy.canMarkRead(seat)).as("mark read").isEqualTo(post);
        assertThat(AccessPolicy.canAddOthers(seat)).as("add others").isEqualTo(addOthers);
        assertThat(AccessPolicy.canManage(actor, seat)).as("manage").isEqualTo(manage);
        assertThat(AccessPolicy.canRemove(actor, seat, "u-someone-else")).as("remove another").isEqualTo(removeOther);
        // Leaving is open to anyone who can see the channel.
        assertThat(AccessPolicy.canRemove(actor, seat, actor.userId())).as("leave").isEqualTo(see);
    }

    @ParameterizedTest(name = "{0} on a post by {1}")
    @MethodSource("posts")
    void postAndProfileRules(Actor actor, String author, boolean edit, boolean delete, boolean editProfile, boolean setStatus) {
        assertThat(AccessPolicy.canEditPost(actor, author)).as("edit post").isEqualTo(edit);
        assertThat(AccessPolicy.canDeletePost(actor, author)).as("delete post").isEqualTo(delete);
        assertThat(AccessPolicy.canEditProfile(actor, author)).as("edit profile").isEqualTo(editProfile);
        assertThat(AccessPolicy.canSetStatus(actor, author)).as("set status").isEqualTo(setStatus);
    }

    static Stream<Arguments> posts() {
        return Stream.of(
                Arguments.of(USER, "u-user", true, true, true, true),
                Arguments.of(USER, "u-other", false, false, false, false),
                Arguments.of(ERP_ADMIN, "u-admin", true, true, true, true),
                Arguments.of(ERP_ADMIN, "u-other", false, true, true, false));
    }

    @ParameterizedTest(name = "{0} event")
    @MethodSource("events")
    void eventReceivers(Audience audience, Long channelId, String addressee, boolean toMember, boolean toOutsider) {
        assertThat(AccessPolicy.receives(audience, channelId, addressee, "u-user", Set.of(7L))).as("member").isEqualTo(toMember);
        assertThat(AccessPolicy.receives(audience, channelId, addressee, "u-outsider", Set.of())).as("outsider").isEqualTo(toOutsider);
    }

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(Audience.CHANNEL, 7L, null, true, false),
                Arguments.of(Audience.CHANNEL, 8L, null, false, false),
                Arguments.of(Audience.USER, 7L, "u-user", true, false),
                Arguments.of(Audience.ALL, null, null, true, true));
    }
}
