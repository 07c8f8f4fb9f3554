package policygraph.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j 5.26 DBMS with only the Bolt connector, on 127.0.0.1, auth and TLS off.
 *
 * <p>Usage: {@code LocalNeo4j HOME_DIR [PORT] [HOST]}. PORT 0 (the default) picks a free port. Once the
 * default database answers {@code RETURN 1}, the chosen port is written to {@code HOME_DIR/neo4j.port} and
 * {@code HOME_DIR/neo4j.ready} is created; a JVM shutdown hook (SIGTERM/SIGINT) shuts the DBMS down cleanly
 * and removes the marker.
 *
 * <p>Any local user can reach Bolt (auth is off), so the server must not read the host for them: {@code LOAD CSV}
 * file URLs are confined to {@code HOME_DIR/import} (created empty, private to the owner), so
 * {@code file:///etc/passwd} means {@code HOME_DIR/import/etc/passwd}; and every IP address is blocked for URL
 * access ({@code http://127.0.0.1:...} would reach services that only listen locally).
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LocalNeo4j HOME_DIR [PORT] [HOST]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        long pageCacheMb = Long.parseLong(System.getProperty("policygraph.pagecache.mb", "256"));
        if (port == 0) {
            port = freePort(host);
        }
        Files.createDirectories(home);
        Path imports = Files.createDirectories(home.resolve("import"));
        Path ready = home.resolve("neo4j.ready");
        Files.deleteIfExists(ready);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.resolve("dbms"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // LOAD CSV: file URLs only inside HOME_DIR/import, no network address at all.
                .setConfig(GraphDatabaseSettings.allow_file_urls, true)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // No anonymous usage reports (no outbound network); a quick Bolt shutdown (default 2 x 5 s).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[neo4j-local] shutting down");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // best effort
            }
            dbms.shutdown();
            System.out.println("[neo4j-local] stopped");
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        writeAtomically(home.resolve("neo4j.port"), Integer.toString(port) + "\n");
        writeAtomically(ready, "bolt://" + host + ":" + port + "\n");
        System.out.printf("[neo4j-local] Neo4j ready on bolt://%s:%d (home %s, %.1f s)%n",
                host, port, home, (System.nanoTime() - t0) / 1e9);
        stopped.await();
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
