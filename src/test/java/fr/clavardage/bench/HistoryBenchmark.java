package fr.clavardage.bench;

import static fr.clavardage.testing.PlainBeans.inject;

import com.zaxxer.hikari.HikariDataSource;

import fr.clavardage.channel.ChannelRepository;
import fr.clavardage.channel.ChannelService;
import fr.clavardage.channel.ChannelView;
import fr.clavardage.message.PostPage;
import fr.clavardage.message.PostRepository;
import fr.clavardage.message.PostService;
import fr.clavardage.message.PostView;
import fr.clavardage.platform.persistence.DataSources;
import fr.clavardage.platform.persistence.Database;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.platform.security.Actor;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The large-history benchmark (see docs/performance.md, "Large history"). Creates a fresh database,
 * runs the module's own migrations, generates millions of posts in SQL, then times three reads:
 * the newest page of the busy channel, a page deep in its history, and the channel list (with
 * unread stars) of a user in 500 channels.
 *
 * <p>Each read is timed at two levels. <b>service</b>: the module's own code, {@code PostService.page}
 * and {@code ChannelService.myChannels} inside {@code Transactions.call}, on the EntityManagerFactory
 * that {@code Database} builds: everything a request does except HTTP, authentication and JSON.
 * <b>sql</b>: the statements Hibernate prepared for that same call, recorded with their parameters and
 * replayed over plain JDBC on one pooled connection: the database's share.
 *
 * <p>The module's beans are plain classes here: their {@code @Inject} fields are set by reflection, so
 * no CDI container (and none of the module's background threads) starts. Run it with
 * {@code mvn -B -Pbench-history process-test-classes -Dbench.db=postgresql} (or {@code h2}).
 */
public final class HistoryBenchmark {

    private static final int PAGE = 50;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        watchdog(settings.timeoutMinutes());
        new HistoryBenchmark(settings).run();
        System.exit(0);
    }

    record Settings(String db, long posts, int users, int channels, int userChannels, int iterations, int warmup,
                    boolean generate, boolean explain, String pgUrl, String pgUser, String pgSchema, Path h2Dir,
                    int timeoutMinutes) {

        static Settings fromSystemProperties() {
            String db = System.getProperty("bench.db", "h2").toLowerCase(Locale.ROOT);
            if (!db.equals("h2") && !db.equals("postgresql")) {
                throw new IllegalArgumentException("bench.db must be h2 or postgresql, not " + db);
            }
            return new Settings(db,
                    Long.getLong("bench.posts", 10_000_000L),
                    Integer.getInteger("bench.users", 1000),
                    Integer.getInteger("bench.channels", 2000),
                    Integer.getInteger("bench.userChannels", 500),
                    Integer.getInteger("bench.iterations", 2000),
                    Integer.getInteger("bench.warmup", 500),
                    Boolean.parseBoolean(System.getProperty("bench.generate", "true")),
                    Boolean.parseBoolean(System.getProperty("bench.explain", "false")),
                    System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    System.getProperty("bench.user", "postgres"),
                    System.getProperty("bench.schema", "bench_history"),
                    Path.of(System.getProperty("bench.dir", "target/bench-history")).toAbsolutePath(),
                    Integer.getInteger("bench.timeout.minutes", 120));
        }
    }

    /** A timed read: {@code call} runs it through the module for input number {@code i}. */
    private record Scenario(String name, double targetP99Ms, int inputs, Input call) {
    }

    @FunctionalInterface
    private interface Input {
        Object call(int i) throws Exception;
    }

    /**
     * Wall-clock figures, plus what explains the tail on a shared machine: the CPU time this thread
     * itself used per call (what the JVM side costs without waiting for a core; the database's own
     * work is not in it on PostgreSQL), and the garbage collections that happened during the runs.
     */
    private record Stats(int n, double mean, double p50, double p99, double max, double cpuP50, double cpuP99,
                         long gcCount, long gcMillis) {
        static Stats of(long[] nanos, long[] cpuNanos, long gcCount, long gcMillis) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            long[] cpu = cpuNanos.clone();
            Arrays.sort(cpu);
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
            return new Stats(sorted.length, mean, percentile(sorted, 50), percentile(sorted, 99),
                    sorted[sorted.length - 1] / 1e6, percentile(cpu, 50), percentile(cpu, 99), gcCount, gcMillis);
        }

        private static double percentile(long[] sorted, double p) {
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private final Settings settings;

    private HistoryBenchmark(Settings settings) {
        this.settings = settings;
    }

    private void run() throws Exception {
        String url = settings.db().equals("h2") ? freshH2() : freshPostgres();
        System.out.printf("Large-history benchmark on %s%n  %s%n", settings.db(), url);
        // The module's own pool, configured the way a launcher configures it.
        System.setProperty("clavardage.db.url", url);
        DataSources pool = new DataSources();
        RecordingDataSource recorder = new RecordingDataSource(pool.get());
        DataSources recorded = new DataSources() {
            @Override
            public DataSource get() {
                return recorder;
            }
        };
        Database database = inject(new Database(), "dataSources", recorded);

        long start = System.nanoTime();
        database.entityManagerFactory(); // Flyway with the module's settings, then JPA with schema validation
        System.out.printf("Migrations and JPA start: %.1f s%n", (System.nanoTime() - start) / 1e9);

        HistoryData.Summary data;
        try (Connection c = recorder.target().getConnection()) {
            if (settings.generate()) {
                System.out.printf("Generating %,d posts in SQL...%n", settings.posts());
                data = new HistoryData(c, settings.posts(), settings.users(), settings.channels(),
                        settings.userChannels()).generate();
                System.out.printf("Generated in %.0f s; refreshing statistics...%n", data.seconds());
                long analyze = System.nanoTime();
                statistics(c);
                System.out.printf("Statistics in %.0f s%n", (System.nanoTime() - analyze) / 1e9);
            } else {
                data = HistoryData.existing(c);
                System.out.println("Reusing the data of an earlier run (bench.generate=false)");
            }
            System.out.printf("Data: %,d posts (busy channel id %d: %,d posts), %,d channels, %,d users, %,d memberships, "
                            + "%,d recipients; %s in %d channels (%d unread); size %s%n",
                    data.posts(), data.busyId(), data.busyPosts(), data.channels(), data.users(), data.memberships(),
                    data.recipients(), HistoryData.BENCH_USER, data.benchChannels(), data.benchUnread(), size(c));
        }

        Transactions transactions = inject(new Transactions(), "database", database);
        ChannelRepository channelRepository = inject(new ChannelRepository(), "transactions", transactions);
        PostRepository postRepository = inject(new PostRepository(), "transactions", transactions);
        ChannelService channelService = inject(new ChannelService(), "channels", channelRepository);
        PostService postService = inject(new PostService(), "posts", postRepository);
        inject(postService, "channels", channelService);
        Actor actor = new Actor(HistoryData.BENCH_USER, false);
        long busy = data.busyId();
        // Deep pages: 64 cursors among the first 20,000 posts of the busy channel (its oldest history).
        long[] deepCursors = new long[64];
        for (int i = 0; i < deepCursors.length; i++) {
            deepCursors[i] = Math.min(data.busyPosts(), 500 + i * 307L);
        }

        List<Scenario> scenarios = List.of(
                new Scenario("newest page (50) of the busy channel", 5, 1,
                        i -> transactions.call(() -> postService.page(actor, busy, null, PAGE))),
                new Scenario(String.format("deep page (50, before seq %,d..%,d)", deepCursors[0],
                        deepCursors[deepCursors.length - 1]), 10, deepCursors.length,
                        i -> transactions.call(() -> postService.page(actor, busy, deepCursors[i], PAGE))),
                new Scenario("channel list with stars (" + data.benchChannels() + " channels)", 20, 1,
                        i -> transactions.call(() -> channelService.myChannels(actor))));

        check(transactions, postService, channelService, actor, data, deepCursors[0]);

        // The three reads share most of their code: warm it all up first, so that the first one timed
        // does not pay for the JIT compiling what the others then reuse.
        for (Scenario scenario : scenarios) {
            for (int i = 0; i < settings.warmup(); i++) {
                scenario.call().call(i % scenario.inputs());
            }
        }

        List<String> rows = new ArrayList<>();
        String loadBefore = loadAverage();
        for (Scenario scenario : scenarios) {
            System.out.printf("Timing: %s%n", scenario.name());
            Stats service = time(settings, scenario.inputs(), scenario.call());

            List<List<RecordingDataSource.Statement>> recordings = new ArrayList<>();
            for (int i = 0; i < scenario.inputs(); i++) {
                int input = i;
                recordings.add(recorder.record(() -> unchecked(() -> scenario.call().call(input))));
            }
            describe(recordings.get(0));
            Stats sql;
            try (Connection c = recorder.target().getConnection()) {
                if (settings.explain()) {
                    explain(c, recordings.get(0));
                }
                sql = time(settings, recordings.size(), i -> {
                    int rowsRead = 0;
                    for (RecordingDataSource.Statement statement : recordings.get(i)) {
                        rowsRead += statement.run(c);
                    }
                    return rowsRead;
                });
            }
            rows.add(row(scenario, "service", service));
            rows.add(row(scenario, "sql", sql));
        }

        System.out.printf("%nLarge history on %s, %,d posts (%,d in the busy channel); times in ms, %,d runs after %,d warm-up%n",
                settings.db(), data.posts(), data.busyPosts(), settings.iterations(), settings.warmup());
        // Wall-clock times on a shared machine: the load says how much other work competed for the cores.
        System.out.printf("load average (1, 5, 15 min) before timing: %s, after: %s; %d cores%n", loadBefore,
                loadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-44s %-8s %8s %8s %8s %8s %8s %8s %-11s %s%n", "read", "level", "mean", "p50", "p99", "max",
                "cpu p50", "cpu p99", "gc n/ms", "target p99");
        rows.forEach(System.out::println);

        database.entityManagerFactory().close();
        ((HikariDataSource) pool.get()).close();
    }

    /** A fast wrong answer is no result: the reads must return what was generated. */
    private static void check(Transactions transactions, PostService posts, ChannelService channels, Actor actor,
                              HistoryData.Summary data, long deepBefore) throws Exception {
        PostPage newest = transactions.call(() -> posts.page(actor, data.busyId(), null, PAGE));
        PostPage deep = transactions.call(() -> posts.page(actor, data.busyId(), deepBefore, PAGE));
        List<ChannelView> list = transactions.call(() -> channels.myChannels(actor));
        long unread = list.stream().filter(c -> Boolean.TRUE.equals(c.unread())).count();
        List<Long> newestSeqs = newest.posts().stream().map(PostView::seq).toList();
        boolean ok = newest.posts().size() == PAGE && deep.posts().size() == PAGE
                && newestSeqs.get(0) >= data.busyPosts() - 1 // the newest post, unless it is a tombstone
                && newestSeqs.equals(newestSeqs.stream().sorted(Comparator.reverseOrder()).toList())
                && deep.posts().get(0).seq() < deepBefore
                && list.size() == data.benchChannels() && unread == data.benchUnread() && list.get(0).general();
        if (!ok) {
            throw new IllegalStateException("Unexpected results: newest " + newestSeqs + ", deep from "
                    + deep.posts().get(0).seq() + ", " + list.size() + " channels with " + unread + " unread");
        }
    }

    private static String row(Scenario scenario, String level, Stats s) {
        String verdict = level.equals("service")
                ? String.format(Locale.ROOT, "≤ %.0f: %s", scenario.targetP99Ms(), s.p99() <= scenario.targetP99Ms() ? "met" : "MISSED")
                : "";
        return String.format(Locale.ROOT, "%-44s %-8s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %5d/%-5d %s",
                level.equals("service") ? scenario.name() : "", level, s.mean(), s.p50(), s.p99(), s.max(),
                s.cpuP50(), s.cpuP99(), s.gcCount(), s.gcMillis(), verdict);
    }

    /** Warm-up runs, then timed runs, cycling over the scenario's inputs. */
    private static Stats time(Settings settings, int inputs, Input input) throws Exception {
        for (int i = 0; i < settings.warmup(); i++) {
            input.call(i % inputs);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] gcBefore = gc();
        long[] nanos = new long[settings.iterations()];
        long[] cpuNanos = new long[settings.iterations()];
        for (int i = 0; i < nanos.length; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            input.call(i % inputs);
            nanos[i] = System.nanoTime() - t;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpu;
        }
        long[] gcAfter = gc();
        return Stats.of(nanos, cpuNanos, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    /** {count, milliseconds} of garbage collection so far, all collectors together. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[]{count, millis};
    }

    private static void describe(List<RecordingDataSource.Statement> statements) {
        System.out.printf("  %d statement(s) per call:%n", statements.size());
        for (RecordingDataSource.Statement statement : statements) {
            System.out.println("    " + statement.describe());
        }
    }

    private void explain(Connection c, List<RecordingDataSource.Statement> statements) throws SQLException {
        String prefix = settings.db().equals("postgresql") ? "explain (analyze, buffers) " : "explain analyze ";
        for (RecordingDataSource.Statement statement : statements) {
            var withPrefix = new RecordingDataSource.Statement(prefix + statement.sql(), statement.bindings());
            try (var ps = withPrefix.prepare(c); ResultSet rs = ps.executeQuery()) {
                System.out.println("    plan:");
                while (rs.next()) {
                    rs.getString(1).lines().forEach(line -> System.out.println("      " + line));
                }
            }
        }
    }

    private String freshH2() throws IOException {
        Path dir = settings.h2Dir();
        String url = "jdbc:h2:file:" + dir.resolve("clavardage")
                // The module's H2 settings (as in the launcher and tests), plus one for honest timings:
                // H2 otherwise answers a repeated query from its previous result when no table changed,
                // which a chat, whose tables change all the time, never benefits from.
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;OPTIMIZE_REUSE_RESULTS=FALSE";
        if (settings.generate() && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        return url;
    }

    private String freshPostgres() throws SQLException {
        String host = URI.create(settings.pgUrl().substring("jdbc:".length())).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("The benchmark only talks to a local PostgreSQL, not " + host);
        }
        String schema = settings.pgSchema();
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bench.schema must be a plain lower-case identifier");
        }
        if (settings.generate()) {
            try (Connection c = DriverManager.getConnection(settings.pgUrl(), settings.pgUser(), "");
                 Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
                s.execute("create schema " + schema);
            }
        }
        String separator = settings.pgUrl().contains("?") ? "&" : "?";
        return settings.pgUrl() + separator + "currentSchema=" + schema + "&user=" + settings.pgUser();
    }

    /** Fresh planner statistics, as autovacuum would give a table this size; VACUUM also sets the visibility map. */
    private void statistics(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (settings.db().equals("postgresql")) {
                s.execute("vacuum analyze");
            } else {
                s.execute("analyze");
            }
        }
    }

    private String size(Connection c) throws SQLException {
        if (settings.db().equals("h2")) {
            try (Stream<Path> files = Files.list(settings.h2Dir())) {
                long bytes = files.mapToLong(f -> f.toFile().length()).sum();
                return String.format("%.2f GB on disk", bytes / 1e9);
            } catch (IOException e) {
                return "unknown";
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_size_pretty(pg_total_relation_size('clv_post')),"
                     + " pg_size_pretty(pg_indexes_size('clv_post'))")) {
            rs.next();
            return "clv_post " + rs.getString(1) + " with indexes (" + rs.getString(2) + " of them)";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void unchecked(Callable<?> work) {
        try {
            work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the run bounded whatever happens (a lock, a database far slower than expected). */
    private static void watchdog(int minutes) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(minutes * 60_000L);
                System.err.printf("Benchmark stopped: it ran longer than bench.timeout.minutes=%d%n", minutes);
                Runtime.getRuntime().halt(2);
            } catch (InterruptedException ignored) {
                // the run ended first
            }
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
