package fr.clavardage.reliability;

import fr.clavardage.host.container.HostDatabase;
import fr.clavardage.testing.Api;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The host's users for the crash test, in the host's own table, and the channel they share. */
final class CrashCompany {

    static final int SIZE = 4;
    private static final String PASSWORD = "crash";

    record Member(String id, String login) {
        Api api(URL base) {
            return Api.basic(base, login, PASSWORD);
        }

        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final List<Member> members;

    private CrashCompany(List<Member> members) {
        this.members = members;
    }

    static CrashCompany create(String jdbc) throws SQLException {
        List<Member> members = IntStream.rangeClosed(1, SIZE)
                .mapToObj(n -> new Member("c-" + n, "crash" + n)).toList();
        HostDatabase.create(jdbc, members.stream()
                .map(m -> new HostDatabase.User(m.id(), m.login(), "Crash " + m.login(), true)).toList());
        return new CrashCompany(members);
    }

    List<Member> members() {
        return members;
    }

    Member nextOf(Member member) {
        return members.get((members.indexOf(member) + 1) % members.size());
    }

    String credentials() {
        return members.stream().map(m -> m.login() + ":" + PASSWORD).collect(Collectors.joining(","));
    }

    /** A private channel holding every member, created by the first. */
    long openChannel(URL base) {
        return members.get(0).api(base).newChannel("Survivants", "private",
                members.stream().skip(1).map(Member::id).toArray(String[]::new));
    }
}
