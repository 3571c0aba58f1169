package fr.clavardage.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The load tool's command line, parsed. {@link #USAGE} lists every option. */
public record LoadOptions(
        List<URI> urls,
        int users,
        Duration ramp,
        Duration duration,
        String mix,
        List<String> pages,
        String jdbc,
        List<Long> serverPids,
        int step,
        Path out,
        Duration postEvery,
        Duration think,
        Duration drain,
        Duration timeout,
        int history,
        Duration soakEvery,
        Duration warmup,
        int warmupUsers,
        boolean seedOnly) {

    static final String USAGE = """
            Clavardage load tool: seeds a company, drives simulated users against running nodes, reports.

              --url URL           a node's module URL, e.g. http://127.0.0.1:18080/clavardage/ (repeat, or
                                  separate with commas, for several nodes; users are spread over them)
              --users N           simulated users (default 100); with --step, the most to reach
              --ramp D            time over which users start (default 120s)
              --duration D        time to hold all users after the ramp (default 60s)
              --mix M             office | mattermost | page | idle (default office)
              --pages P           page mode: window, widget or window,widget (default window)
              --jdbc URL          the module's database: seeds users (demo_user), channels and history
                                  first; without it, the users load0001... must exist already
              --server-pid P      server process id(s), comma-separated: CPU and heap per connection
              --step N            ramp N more users per stage until a health limit breaks
              --out DIR           where report.md and latency.png go (default target/load)
              --post-every D      office and page modes: mean time between a user's posts (default 60s)
              --think D           mattermost mix: mean time between a user's actions (default 5s)
              --drain D           after the run, how long to wait for missing events (default 15s)
              --timeout D         request timeout (default 30s)
              --history N         posts of history per seeded channel (default 100; General gets 5x)
              --soak-every D      with --server-pid: while holding, sample the server's live heap, threads
                                  and open files every D, and report whether they grew (a soak run)
              --warmup D          before the measured run, drive other seeded users through the same mix
                                  for D (half of it ramping), then let them leave: the server's JIT
                                  compiles its hot paths then, as on a server that has been running
              --warmup-users N    how many users warm up (default a tenth of --users, at least 50)
              --seed-only         seed, then stop
            Durations: 500ms, 20s, 2m, or seconds.
            """;

    public static LoadOptions parse(String... raw) {
        List<String> args = new ArrayList<>();
        for (String arg : raw) {
            // exec-maven-plugin hands every option over as one argument: split it here.
            for (String part : arg.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    args.add(part);
                }
            }
        }
        List<URI> urls = new ArrayList<>();
        int users = 100;
        Duration ramp = Duration.ofSeconds(120);
        Duration duration = Duration.ofSeconds(60);
        String mix = "office";
        List<String> pages = List.of("window");
        String jdbc = null;
        List<Long> pids = new ArrayList<>();
        int step = 0;
        Path out = Path.of("target", "load");
        Duration postEvery = Duration.ofSeconds(60);
        Duration think = Duration.ofSeconds(5);
        Duration drain = Duration.ofSeconds(15);
        Duration timeout = Duration.ofSeconds(30);
        int history = 100;
        Duration soakEvery = null;
        Duration warmup = null;
        int warmupUsers = -1;
        boolean seedOnly = false;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (name.equals("--seed-only")) {
                seedOnly = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args.get(++i);
            switch (name) {
                case "--url" -> {
                    for (String url : value.split(",")) {
                        urls.add(URI.create(url.endsWith("/") ? url : url + "/"));
                    }
                }
                case "--users" -> users = Integer.parseInt(value);
                case "--ramp" -> ramp = duration(value);
                case "--duration" -> duration = duration(value);
                case "--mix" -> mix = value.toLowerCase(Locale.ROOT);
                case "--pages" -> pages = List.of(value.toLowerCase(Locale.ROOT).split(","));
                case "--jdbc" -> jdbc = value;
                case "--server-pid" -> {
                    for (String pid : value.split(",")) {
                        pids.add(Long.parseLong(pid.trim()));
                    }
                }
                case "--step" -> step = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--post-every" -> postEvery = duration(value);
                case "--think" -> think = duration(value);
                case "--drain" -> drain = duration(value);
                case "--timeout" -> timeout = duration(value);
                case "--history" -> history = Integer.parseInt(value);
                case "--soak-every" -> soakEvery = duration(value);
                case "--warmup" -> warmup = duration(value);
                case "--warmup-users" -> warmupUsers = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        if (urls.isEmpty()) {
            urls.add(URI.create("http://127.0.0.1:8080/clavardage/"));
        }
        if (!List.of("office", "mattermost", "page", "idle").contains(mix)) {
            throw new IllegalArgumentException("--mix is office, mattermost, page or idle");
        }
        for (String page : pages) {
            if (!page.equals("window") && !page.equals("widget")) {
                throw new IllegalArgumentException("--pages is window, widget or window,widget");
            }
        }
        if (soakEvery != null && pids.isEmpty()) {
            throw new IllegalArgumentException("--soak-every needs --server-pid");
        }
        if (warmup == null) {
            warmupUsers = 0;
        } else if (warmupUsers < 0) {
            warmupUsers = Math.max(50, users / 10);
        } else if (warmupUsers < 1) {
            throw new IllegalArgumentException("--warmup-users is at least 1");
        }
        // The warm-up users are seeded after the measured ones: load0001 to load<users + warmup users>.
        if (users < 1 || users + warmupUsers > 9999) {
            throw new IllegalArgumentException("--users (plus --warmup-users) is 1 to 9999 (logins load0001 to load9999)");
        }
        return new LoadOptions(List.copyOf(urls), users, ramp, duration, mix, pages, jdbc, List.copyOf(pids), step, out,
                postEvery, think, drain, timeout, history, soakEvery, warmup, warmupUsers, seedOnly);
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }

    /** The command line as given, for the report. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (URI url : urls) {
            s.append("--url ").append(url).append(' ');
        }
        s.append("--users ").append(users).append(" --ramp ").append(ramp.toSeconds()).append("s --duration ")
                .append(duration.toSeconds()).append("s --mix ").append(mix);
        if (mix.equals("page")) {
            s.append(" --pages ").append(String.join(",", pages));
        }
        if (step > 0) {
            s.append(" --step ").append(step);
        }
        if (!mix.equals("mattermost")) {
            s.append(" --post-every ").append(postEvery.toMillis() / 1000.0).append('s');
        } else {
            s.append(" --think ").append(think.toMillis() / 1000.0).append('s');
        }
        if (warmup != null) {
            s.append(" --warmup ").append(warmup.toSeconds()).append("s --warmup-users ").append(warmupUsers);
        }
        return s.toString();
    }
}
