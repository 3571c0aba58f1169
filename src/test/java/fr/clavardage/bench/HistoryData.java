package fr.clavardage.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a freshly migrated database with a large history, in SQL: rows are produced by the database
 * ({@code insert ... select ... from generate_series(...)}, which PostgreSQL and H2 both accept), never
 * through the module's API. Java only decides how many posts each channel gets, so that every
 * channel's {@code last_post_seq} is exactly its number of posts and the sequence has no gaps.
 */
final class HistoryData {

    /** The user whose channel list is measured. */
    static final String BENCH_USER = "u0001";
    static final String BUSY_NAME = "busy";
    static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");
    /** History spans about 4.75 years whatever the channel's size. */
    private static final long SPAN_SECONDS = 150_000_000L;
    /** Rows per insert statement: one transaction never holds millions of rows (H2 keeps them in memory). */
    private static final long CHUNK = 250_000;
    private static final String[] WORDS = {"Projet", "Équipe", "Client", "Support", "achats", "Compta", "ventes",
            "Atelier", "Qualité", "Direction", "Logistique", "RH", "informatique", "Marketing", "Études", "Zoé"};

    record Channel(long id, String name, long posts, boolean isPrivate) {
    }

    /** What was generated, for the report. */
    record Summary(long posts, long busyId, long busyPosts, int channels, int users, long memberships,
                   int benchChannels, int benchUnread, long recipients, double seconds) {
    }

    private final Connection connection;
    private final long totalPosts;
    private final int users;
    private final int channels;
    private final int benchChannels;

    HistoryData(Connection connection, long totalPosts, int users, int channels, int benchChannels) {
        if (users < 2 || users > 9999) {
            throw new IllegalArgumentException("bench.users must be between 2 and 9999 (ids are u0001..u9999)");
        }
        if (channels < 3 || benchChannels < 2 || benchChannels > channels) {
            throw new IllegalArgumentException("need at least 3 channels and 2 <= bench.userChannels <= bench.channels");
        }
        this.connection = connection;
        this.totalPosts = totalPosts;
        this.users = users;
        this.channels = channels;
        this.benchChannels = benchChannels;
    }

    Summary generate() throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        profiles();
        List<Channel> all = channels();
        Channel busy = all.stream().filter(c -> c.name().equals(BUSY_NAME)).findFirst().orElseThrow();
        long done = 0;
        for (Channel channel : all) {
            done += posts(channel);
            if (channel == busy || channel.id() % 200 == 0) {
                progress("posts: %,d of %,d", done, totalPosts);
            }
        }
        long recipients = recipients();
        int[] bench = benchMemberships(all, busy);
        long memberships = otherMemberships(busy) + bench[0];
        connection.commit();
        connection.setAutoCommit(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Summary(done, busy.id(), busy.posts(), all.size(), users, memberships, bench[0], bench[1],
                recipients, seconds);
    }

    /** Summary of data left by an earlier run, read back from the tables. */
    static Summary existing(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long busyId;
            long busyPosts;
            try (ResultSet rs = s.executeQuery("select id, last_post_seq from clv_channel where name = '" + BUSY_NAME + "'")) {
                if (!rs.next()) {
                    throw new IllegalStateException("No generated data here: run once with bench.generate=true");
                }
                busyId = rs.getLong(1);
                busyPosts = rs.getLong(2);
            }
            return new Summary(count(s, "select count(*) from clv_post"), busyId, busyPosts,
                    (int) count(s, "select count(*) from clv_channel"), (int) count(s, "select count(*) from clv_profile"),
                    count(s, "select count(*) from clv_membership"),
                    (int) count(s, "select count(*) from clv_membership where user_id = '" + BENCH_USER + "'"),
                    (int) count(s, "select count(*) from clv_membership m join clv_channel c on c.id = m.channel_id"
                            + " where m.user_id = '" + BENCH_USER + "' and c.last_post_seq > m.last_viewed_seq"),
                    count(s, "select count(*) from clv_post_recipient"), 0);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void profiles() throws SQLException {
        exec("""
                insert into clv_profile (user_id, nickname, created_at, updated_at)
                select 'u' || lpad(cast(g.s as varchar), 4, '0'),
                       case when mod(g.s, 3) = 0 then 'Pseudo ' || g.s end,
                       timestamp with time zone '2020-01-01 00:00:00+00',
                       timestamp with time zone '2020-01-01 00:00:00+00'
                from generate_series(1, %d) as g(s)""".formatted(users));
    }

    /**
     * General exists already (V1); the others are added here, the first one being the busy channel.
     * Sizes are spread unevenly (0.2 to 1.8 times the average) and the busy channel takes the rest,
     * about 30 % of all posts.
     */
    private List<Channel> channels() throws SQLException {
        int others = channels - 1;
        double average = totalPosts * 0.7 / others;
        long[] sizes = new long[channels];
        long sum = 0;
        for (int i = 0; i < channels; i++) {
            if (i == 1) {
                continue; // the busy channel
            }
            double weight = 0.2 + 1.6 * ((i * 7919L) % 1000) / 1000.0;
            sizes[i] = Math.max(1, Math.round(average * weight));
            sum += sizes[i];
        }
        sizes[1] = totalPosts - sum;
        if (sizes[1] < 1) {
            throw new IllegalArgumentException("too few posts for " + channels + " channels");
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                update clv_channel set last_post_seq = ?, last_post_at = ? where is_general = true""")) {
            ps.setLong(1, sizes[0]);
            ps.setTimestamp(2, lastPostAt(sizes[0]));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into clv_channel (name, display_name, color, type, purpose, is_general, created_by, created_at,
                                         last_post_seq, last_post_at, public_name)
                values (?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?)""")) {
            for (int i = 1; i < channels; i++) {
                boolean busy = i == 1;
                String name = busy ? BUSY_NAME : "canal-" + i;
                boolean isPublic = busy || i % 5 != 0;
                ps.setString(1, name);
                // Mixed case and accents, so that ordering by lower(display_name) has real work to do.
                ps.setString(2, busy ? "Bavardage" : WORDS[i % WORDS.length] + " " + i);
                ps.setString(3, String.format("#%06X", (i * 2654435761L) & 0xFFFFFF));
                ps.setString(4, isPublic ? "PUBLIC" : "PRIVATE");
                ps.setString(5, i % 3 == 0 ? null : "Canal de test numéro " + i);
                ps.setString(6, "u" + String.format("%04d", 1 + i % users));
                ps.setTimestamp(7, Timestamp.from(BASE));
                ps.setLong(8, sizes[i]);
                ps.setTimestamp(9, lastPostAt(sizes[i]));
                // The URL name while public: unique among public channels (V11_1).
                ps.setString(10, isPublic ? name : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<Channel> all = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select id, name, last_post_seq, type from clv_channel order by id")) {
            while (rs.next()) {
                all.add(new Channel(rs.getLong(1), rs.getString(2), rs.getLong(3), "PRIVATE".equals(rs.getString(4))));
            }
        }
        connection.commit();
        return all;
    }

    private static Timestamp lastPostAt(long posts) {
        return Timestamp.from(BASE.plusSeconds(posts * spacing(posts)));
    }

    private static long spacing(long posts) {
        return Math.max(1, SPAN_SECONDS / posts);
    }

    /*
     * Post ids as the module gives them (platform.RandomIds): spread at random, so that consecutive
     * posts are far apart in the primary key and the recipients' lookups by post id. Here a permutation
     * computed in SQL: (channel * stride + seq) * multiplier mod a prime, distinct for distinct posts
     * since the operand stays below the prime, and below 2^63 before the modulo.
     */
    private static final long ID_STRIDE = 10_000_000L;
    private static final long ID_MULTIPLIER = 400_000_009L;
    private static final long ID_PRIME = 1_099_511_627_689L;

    /**
     * The channel's posts, numbered 1..last_post_seq. One in 199 is deleted (a tombstone the page
     * query must skip), one in 47 edited; every post carries a client key, as the chat window sends one.
     */
    private long posts(Channel channel) throws SQLException {
        if (channel.posts() >= ID_STRIDE || (channel.id() + 1) * ID_STRIDE >= ID_PRIME) {
            throw new IllegalStateException("Post ids would collide: channel " + channel.id() + " with " + channel.posts() + " posts");
        }
        long spacing = spacing(channel.posts());
        for (long from = 1; from <= channel.posts(); from += CHUNK) {
            long to = Math.min(channel.posts(), from + CHUNK - 1);
            exec("""
                    insert into clv_post (id, channel_id, seq, author_id, message, client_key, created_at, edited_at, deleted_at)
                    select mod((cast(%1$d as bigint) * %6$d + g.s) * %7$d, %8$d), %1$d, g.s,
                           'u' || lpad(cast(mod(g.s * 7 + %1$d, %4$d) + 1 as varchar), 4, '0'),
                           'Message ' || g.s || ' : ' || repeat('bla ', cast(mod(g.s * 13, 40) as integer)) || 'fin.',
                           'k-' || %1$d || '-' || g.s,
                           timestamp with time zone '2020-01-01 00:00:00+00' + g.s * %5$d * interval '1' second,
                           case when mod(g.s, 47) = 0
                                then timestamp with time zone '2020-01-01 00:00:00+00' + (g.s * %5$d + 60) * interval '1' second end,
                           case when mod(g.s, 199) = 0
                                then timestamp with time zone '2020-01-01 00:00:00+00' + (g.s * %5$d + 120) * interval '1' second end
                    from generate_series(%2$d, %3$d) as g(s)""".formatted(channel.id(), from, to, users, spacing,
                    ID_STRIDE, ID_MULTIPLIER, ID_PRIME));
            connection.commit();
        }
        return channel.posts();
    }

    /** One post in 50 names a recipient, so history pages also load recipients as they do in use. */
    private long recipients() throws SQLException {
        long rows = exec("""
                insert into clv_post_recipient (post_id, user_id, position)
                select p.id, 'u' || lpad(cast(mod(p.seq * 11 + p.channel_id, %d) + 1 as varchar), 4, '0'), 0
                from clv_post p where mod(p.seq, 50) = 0""".formatted(users));
        connection.commit();
        progress("recipients: %,d", rows, 0);
        return rows;
    }

    /**
     * The measured user: General, the busy channel and others spread over the ids, up to
     * {@code benchChannels}. One channel in three is unread (a few posts behind), with mentions in some.
     * Returns {memberships, unread}.
     */
    private int[] benchMemberships(List<Channel> all, Channel busy) throws SQLException {
        List<Channel> chosen = new ArrayList<>();
        chosen.add(all.get(0));
        chosen.add(busy);
        List<Channel> rest = all.stream().filter(c -> c != all.get(0) && c != busy).toList();
        int wanted = benchChannels - 2;
        double step = (double) rest.size() / wanted;
        for (int i = 0; i < wanted; i++) {
            chosen.add(rest.get((int) (i * step)));
        }
        int unread = 0;
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into clv_membership (channel_id, user_id, role, last_viewed_seq, mention_count, joined_at)
                values (?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < chosen.size(); i++) {
                Channel c = chosen.get(i);
                boolean behind = i % 3 == 1;
                long viewed = behind ? Math.max(0, c.posts() - 1 - i % 17) : c.posts();
                unread += viewed < c.posts() ? 1 : 0;
                ps.setLong(1, c.id());
                ps.setString(2, BENCH_USER);
                ps.setString(3, i % 25 == 0 ? "ADMIN" : "MEMBER");
                ps.setLong(4, viewed);
                ps.setInt(5, behind && i % 4 == 0 ? 1 + i % 3 : 0);
                ps.setTimestamp(6, Timestamp.from(BASE));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new int[]{chosen.size(), unread};
    }

    /**
     * Everyone else: all in General, about a third of them in the busy channel, and each in about one
     * channel in sixty of the rest (some 33 each, so channels have about 16 members).
     */
    private long otherMemberships(Channel busy) throws SQLException {
        return exec("""
                insert into clv_membership (channel_id, user_id, role, last_viewed_seq, mention_count, joined_at)
                select c.id, p.user_id,
                       case when mod(c.id + p.n, 23) = 0 then 'ADMIN' else 'MEMBER' end,
                       case when mod(c.id + p.n, 4) = 0 then greatest(c.last_post_seq - mod(c.id * p.n, 40) - 1, 0)
                            else c.last_post_seq end,
                       case when mod(c.id + p.n, 16) = 0 then 1 else 0 end,
                       c.created_at
                from clv_channel c
                cross join (select user_id, cast(substring(user_id, 2) as integer) as n from clv_profile) p
                where p.user_id <> '%s'
                  and (c.is_general
                       or (c.id = %d and mod(p.n, 3) = 0)
                       or (c.id <> %2$d and not c.is_general and mod(c.id * 7 + p.n * 13, 60) = 0))"""
                .formatted(BENCH_USER, busy.id()));
    }

    private long exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }

    private static void progress(String format, long a, long b) {
        System.out.printf("  " + format + "%n", a, b);
    }
}
