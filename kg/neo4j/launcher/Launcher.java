import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community DBMS with its Bolt server until the process is told to stop.
 *
 * <p>Started by {@code kg.neo4j.server}: {@code java -cp <classes>:<lib>/* Launcher <home> <conf>
 * [--password-stdin] [--watch-pid PID]}. Everything tunable lives in the generated properties file, so
 * this class holds no settings. It uses Neo4j's public embedding API (plus its log provider), so a patch
 * upgrade of the pinned version keeps working.
 *
 * <p>With {@code --password-stdin} the first line of standard input becomes the password of user
 * {@code neo4j}. It never appears on a command line or in the environment (both readable by other
 * tools), and it is set in a first start-up with Bolt switched off, so no client can ever reach the
 * server while it still has the factory password.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Exit for sure: threads the half-built DBMS left behind must not keep a dead server alive.
            System.err.println("kg-launcher: start-up failed");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: Launcher <home> <conf> [--password-stdin] [--watch-pid PID]");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path conf = Path.of(args[1]).toAbsolutePath();
        boolean passwordFromStdin = false;
        long watchPid = -1;
        for (int i = 2; i < args.length; i++) {
            if ("--password-stdin".equals(args[i])) {
                passwordFromStdin = true;
            } else if ("--watch-pid".equals(args[i]) && i + 1 < args.length) {
                watchPid = Long.parseLong(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (passwordFromStdin) {
            setPassword(home, conf, readPassword());
        }
        DatabaseManagementService dbms = builder(home, conf).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(dbms, stopped), "kg-neo4j-shutdown"));
        if (watchPid > 0) {
            watch(watchPid);
        }
        System.out.println("kg-launcher: started (bolt on)");
        System.out.flush();
        stopped.await();
    }

    /** Stops the server once the given process is gone, so a killed test run leaves no server behind. */
    private static void watch(long pid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("kg-launcher: process " + pid + " is gone, stopping");
            System.exit(0);
        }, "kg-neo4j-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static DatabaseManagementServiceBuilder builder(Path home, Path conf) {
        // The embedded DBMS logs nothing by default; its user log (start-up, errors) goes to stdout,
        // which kg.neo4j.server sends to <home>/logs/launcher.log.
        return new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setUserLogProvider(new Log4jLogProvider(System.out));
    }

    /** Reads one line so the caller can close the pipe right after writing it. */
    private static String readPassword() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin given but no password on standard input");
        }
        return line;
    }

    /** Sets the password through the embedded API (no auth there) while no Bolt port is open. */
    private static void setPassword(Path home, Path conf, String password) {
        DatabaseManagementService dbms = builder(home, conf).setConfig(BoltConnector.enabled, false).build();
        try {
            alterUser(dbms, "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!samePassword(e)) {
                throw e;
            }
            // Already this password (a restart): only make sure no change is demanded at login.
            alterUser(dbms, "ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED", Map.of());
        } finally {
            dbms.shutdown();
        }
        System.out.println("kg-launcher: password of user " + USER + " set");
    }

    private static void alterUser(DatabaseManagementService dbms, String cypher, Map<String, Object> params) {
        dbms.database("system").executeTransactionally(cypher, params);
    }

    private static boolean samePassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("cannot be the same")) {
                return true;
            }
        }
        return false;
    }

    private static void shutdown(DatabaseManagementService dbms, CountDownLatch stopped) {
        System.out.println("kg-launcher: shutting down");
        try {
            dbms.shutdown();
        } finally {
            stopped.countDown();
            System.out.println("kg-launcher: stopped");
            System.out.flush();
        }
    }
}
