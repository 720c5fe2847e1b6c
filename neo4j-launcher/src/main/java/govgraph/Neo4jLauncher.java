package govgraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j 5 community server for govgraph's tests, benchmarks and local runs.
 *
 * <p>Starts the embedded database with only its Bolt connector, on 127.0.0.1 and a port the
 * operating system chooses (or {@code --port N}), then prints one line, {@code BOLT
 * bolt://127.0.0.1:PORT}, on standard output. It stops when its standard input closes or on
 * SIGTERM/SIGINT. Its files go to a new temporary folder that is removed on stop, unless
 * {@code --dir DIR} names a folder to keep. With {@code --password P} (at least 8 characters)
 * authentication is on and user {@code neo4j} has that password; without it, authentication is
 * off (any user and password are accepted), which is only safe on loopback.
 */
public final class Neo4jLauncher {

    private Neo4jLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        String password = null;
        int port = 0;
        String pageCache = "64m";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Paths.get(args[++i]);
                case "--password" -> password = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--page-cache" -> pageCache = args[++i];
                default -> {
                    System.err.println("usage: Neo4jLauncher [--dir DIR] [--password P] [--port N]"
                            + " [--page-cache SIZE]");
                    System.exit(2);
                }
            }
        }
        boolean temporary = dir == null;
        Path home = temporary ? Files.createTempDirectory("govgraph-neo4j-") : dir;
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, bytes(pageCache))
                // No usage report: the machine reaches nothing but loopback.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .build();
        Runnable stop = new Stopper(dbms, temporary ? home : null);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-launcher-stop"));
        if (password != null) {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        int bound = ports.getLocalAddress(ConnectorType.BOLT).getPort();
        System.out.println("BOLT bolt://127.0.0.1:" + bound);
        System.out.flush();
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Wait for the parent to close our standard input.
            }
        } catch (IOException closed) {
            // The same: the parent is gone.
        }
        System.exit(0);  // runs the shutdown hook
    }

    /** A size such as {@code 128m} or {@code 1g} in bytes. */
    private static long bytes(String size) {
        String s = size.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(unit == 1L ? s : s.substring(0, s.length() - 1)) * unit;
    }

    /** Shuts the database down once and removes its temporary folder. */
    private static final class Stopper implements Runnable {
        private final DatabaseManagementService dbms;
        private final Path temporary;
        private boolean stopped;

        Stopper(DatabaseManagementService dbms, Path temporary) {
            this.dbms = dbms;
            this.temporary = temporary;
        }

        @Override
        public synchronized void run() {
            if (stopped) {
                return;
            }
            stopped = true;
            dbms.shutdown();
            if (temporary != null) {
                try (Stream<Path> paths = Files.walk(temporary)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // A temporary folder left behind is harmless.
                }
            }
        }
    }
}
