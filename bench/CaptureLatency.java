import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Capture-to-inbox latency for bench/inbox-latency.sh: posts signed webhook deliveries at a fixed rate (each due at
 * its own instant, so a stalled server does not slow the load down and hide its own delay) and listens for the
 * conversations' first messages. A post's latency runs from the instant it was due to the instant its row in
 * listening_message was reported committed: captured, analysed, threaded, routed, so visible in the inbox.
 *
 * <p>The rows are reported by a trigger the harness adds ({@code pg_notify}, delivered at commit). An earlier version
 * polled for every outstanding id instead; once a backlog built up, those polls cost PostgreSQL more than the posts
 * did and slowed the server they measured.
 *
 * <p>{@code setup --url JDBC --password P} creates an admin ({@code latency-admin@bench.backchannel.test}) and a
 * default team with three members, so that every conversation is routed and assigned, and the reporting trigger. {@code run --url JDBC --base
 * http://host:port --connector ID --secret S --rate 1000 --seconds 10 [--connections 64]} prints {@code sent}, {@code seen}, {@code lost},
 * {@code p50_ms}, {@code p95_ms}, {@code p99_ms} and {@code max_ms}.
 */
public class CaptureLatency {

    static final String ADMIN = "latency-admin@bench.backchannel.test";

    /** Short posts in the post languages, as connectors hear them; each gets a number so that none repeats. */
    static final List<String[]> POSTS = List.of(
            new String[] {"@acme your app crashed again after the update, really not happy :(", "en"},
            new String[] {"Love the new dark mode! Great work team #darkmode", "en"},
            new String[] {"Der Support antwortet nicht. Sehr enttäuschend.", "de"},
            new String[] {"Wäre schön, wenn man Rechnungen als PDF exportieren könnte?", null},
            new String[] {"¿Cuándo llega la actualización para Android? Gracias", "es"},
            new String[] {"A entrega atrasou de novo, alguém pode me ajudar?", null},
            new String[] {"Le nouveau tableau de bord est vraiment pratique, merci !", "fr"},
            new String[] {"L'app non si apre più dopo l'ultimo aggiornamento.", null},
            new String[] {"Wanneer komt de nieuwe versie uit? Ik wacht al weken.", "nl"},
            new String[] {"Appen virker ikke etter oppdateringen, hva skjer?", null},
            new String[] {"新版本的应用很好用，谢谢！", "zh"},
            new String[] {"アプリが起動しません。助けてください。", "ja"},
            new String[] {"업데이트 후 앱이 작동하지 않아요", null});

    final Map<String, String> options = new HashMap<>();

    public static void main(String[] args) throws Exception {
        var bench = new CaptureLatency();
        for (int i = 1; i + 1 < args.length; i += 2) {
            bench.options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        try (Connection db = DriverManager.getConnection(bench.options.get("url"))) {
            switch (args[0]) {
                case "setup" -> bench.setup(db);
                case "run" -> bench.run(db);
                default -> throw new IllegalArgumentException("setup or run, not " + args[0]);
            }
        }
    }

    void setup(Connection db) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(options.get("password"));
        try (Statement sql = db.createStatement()) {
            sql.execute("insert into identity_account (email, display_name, password_hash, email_verified_at)"
                    + " select 'latency' || i || '@bench.backchannel.test', 'Latency agent ' || i, '" + hash
                    + "', now() from generate_series(1, 3) i");
            sql.execute("insert into identity_account (email, display_name, password_hash, email_verified_at)"
                    + " values ('" + ADMIN + "', 'Latency admin', '" + hash + "', now())");
            sql.execute("insert into identity_account_role (account_id, role) select id, 'ADMIN'"
                    + " from identity_account where email = '" + ADMIN + "'");
            sql.execute("insert into identity_account_role (account_id, role) select id, 'STAFF'"
                    + " from identity_account where email like 'latency%@bench.backchannel.test'");
            sql.execute("insert into identity_team (name) values ('Latency team')");
            sql.execute("insert into identity_team_member (team_id, account_id) select t.id, a.id"
                    + " from identity_team t, identity_account a where t.name = 'Latency team'"
                    + " and a.email like 'latency_@bench.backchannel.test'");
            sql.execute("insert into listening_team_setting (team_id, is_default)"
                    + " select id, true from identity_team where name = 'Latency team'");
            sql.execute("create function bench_latency_seen() returns trigger language plpgsql as $$"
                    + " begin perform pg_notify('bench_latency', new.external_id); return null; end $$");
            sql.execute("create trigger bench_latency_seen after insert on listening_message"
                    + " for each row execute function bench_latency_seen()");
        }
    }

    void run(Connection db) throws Exception {
        String base = options.get("base");
        String connector = options.get("connector");
        byte[] secret = options.get("secret").getBytes(StandardCharsets.UTF_8);
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int total = rate * seconds;
        String prefix = "lat-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long[] due = new long[total];
        long[] seen = new long[total];
        var outstanding = ConcurrentHashMap.<Integer>newKeySet();
        var refused = new AtomicInteger();
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        URI uri = URI.create(base + "/api/channels/webhook/" + connector);

        try (Statement listen = db.createStatement()) {
            listen.execute("listen bench_latency");
        }
        var poller = Thread.ofPlatform().start(() -> poll(db, prefix, due, seen, outstanding, total));
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            due[i] = start + i * interval;
        }
        var next = new AtomicInteger();
        var senders = new ArrayList<Thread>();
        for (int c = 0; c < connections; c++) {
            senders.add(Thread.ofPlatform().start(() -> {
                try (var sender = new Sender(uri, secret)) {
                    for (int i; (i = next.getAndIncrement()) < total; ) {
                        long wait = due[i] - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        String[] post = POSTS.get(i % POSTS.size());
                        outstanding.add(i);
                        if (sender.post(body(prefix + i, post[0] + " #" + i, post[1], i)) != 202) {
                            refused.incrementAndGet();
                            outstanding.remove(i);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        poller.join();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (seen[i] > 0) {
                latencies.add((seen[i] - due[i]) / 1_000_000);
            }
        }
        latencies.sort(null);
        System.out.println("sent " + total);
        System.out.println("refused " + refused.get());
        System.out.println("seen " + latencies.size());
        System.out.println("lost " + (total - refused.get() - latencies.size()));
        for (int percent : new int[] {50, 95, 99}) {
            System.out.println("p" + percent + "_ms " + percentile(latencies, percent));
        }
        System.out.println("max_ms " + (latencies.isEmpty() ? "n/a" : latencies.get(latencies.size() - 1)));
    }

    /** Listens until every post was seen, or nothing new turned up for 30 s after the last one was due. */
    void poll(
            Connection db,
            String prefix,
            long[] due,
            long[] seen,
            java.util.Set<Integer> outstanding,
            int total) {
        int found = 0;
        long lastProgress = System.nanoTime();
        try {
            var notifications = db.unwrap(org.postgresql.PGConnection.class);
            while (true) {
                var arrived = notifications.getNotifications(100);
                long now = System.nanoTime();
                for (var notification : arrived == null ? new org.postgresql.PGNotification[0] : arrived) {
                    String id = notification.getParameter();
                    if (id.startsWith(prefix)) {
                        int i = Integer.parseInt(id.substring(prefix.length()));
                        if (outstanding.remove(i)) {
                            seen[i] = now;
                            found++;
                            lastProgress = now;
                        }
                    }
                }
                boolean allDue = due[total - 1] != 0 && now > due[total - 1];
                if (allDue && (outstanding.isEmpty() || now - lastProgress > 30_000_000_000L)) {
                    return;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("listening failed after " + found + " posts", e);
        }
    }

    /**
     * One kept-alive HTTP/1.1 connection posting signed deliveries, as a platform's webhook sender holds a pool of
     * them. Posts due while every connection is busy wait and are sent late; their latency still counts from when they
     * were due. (java.net.http opened a connection per post in flight: thousands once the server lagged, more CPU
     * than the server's own work, and a listen backlog overflowing into SYN retries of seconds.)
     */
    static final class Sender implements AutoCloseable {
        private final URI uri;
        private final Mac mac;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;

        Sender(URI uri, byte[] secret) throws Exception {
            this.uri = uri;
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        }

        /** The response status; 0 when the connection failed. */
        int post(byte[] body) throws IOException {
            long timestamp = Instant.now().getEpochSecond();
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nX-Backchannel-Timestamp: " + timestamp
                    + "\r\nX-Backchannel-Signature: " + signature + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
            try {
                if (socket == null) {
                    socket = new Socket(uri.getHost(), uri.getPort());
                    socket.setTcpNoDelay(true);
                    in = new BufferedInputStream(socket.getInputStream());
                    out = socket.getOutputStream();
                }
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return response();
            } catch (IOException e) {
                close();
                return 0;
            }
        }

        /** Reads one response (length-delimited or chunked) and closes the connection when the server asks. */
        private int response() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.split(" ")[1]);
            long length = 0;
            boolean chunked = false;
            boolean keep = true;
            for (String header; !(header = line()).isEmpty(); ) {
                String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> keep = !value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else {
                in.skipNBytes(length);
            }
            if (!keep) {
                close();
            }
            return code;
        }

        private String line() throws IOException {
            var line = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    static byte[] body(String id, String text, String language, int n) {
        String json = "{\"id\":\"" + id + "\",\"inReplyTo\":null,\"author\":{\"handle\":\"@customer" + (n % 5000)
                + "@example.social\",\"name\":\"Customer " + (n % 5000) + "\"},\"text\":\"" + text
                + "\",\"url\":null,\"language\":" + (language == null ? "null" : "\"" + language + "\"")
                + ",\"postedAt\":null}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        int at = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, at)));
    }
}
