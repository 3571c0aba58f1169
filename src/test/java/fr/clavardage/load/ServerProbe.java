package fr.clavardage.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server processes seen from outside: CPU time from {@code /proc/<pid>/stat}, threads and open
 * files from {@code /proc}, and live heap after a full collection through {@code jcmd} (which
 * attaches to JVMs of the same user).
 */
final class ServerProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");
    private final List<Long> pids;
    private final long ticksPerSecond = ticksPerSecond();

    ServerProbe(List<Long> pids) {
        this.pids = pids;
    }

    boolean enabled() {
        return !pids.isEmpty();
    }

    /** CPU seconds (user + system) used so far by all server processes. */
    double cpuSeconds() {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
            } catch (IOException | RuntimeException e) {
                System.err.println("No CPU figure for process " + pid + ": " + e);
            }
        }
        return total;
    }

    /** Live heap in bytes, summed over the servers, after asking each for a full GC; -1 if unknown. */
    long liveHeapBytes() {
        long total = 0;
        for (long pid : pids) {
            try {
                jcmd(pid, "GC.run");
                Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
                if (!used.find()) {
                    return -1;
                }
                total += Long.parseLong(used.group(1)) * 1024;
            } catch (IOException | InterruptedException e) {
                System.err.println("No heap figure for process " + pid + ": " + e);
                return -1;
            }
        }
        return total;
    }

    /** Threads of the server processes, from {@code /proc/<pid>/status}; -1 if unknown. */
    int threads() {
        int total = 0;
        for (long pid : pids) {
            try {
                String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
                Matcher threads = THREADS.matcher(status);
                if (!threads.find()) {
                    return -1;
                }
                total += Integer.parseInt(threads.group(1));
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }

    /** Open file descriptors (files, HTTP and database sockets) of the server processes; -1 if unknown. */
    int openFiles() {
        int total = 0;
        for (long pid : pids) {
            try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                total += (int) fds.count();
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
        }
        return out;
    }

    private static long ticksPerSecond() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
