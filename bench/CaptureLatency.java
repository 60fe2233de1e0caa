import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
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
 * its own instant, so a stalled server does not slow the load down and hide its own delay) and polls the database
 * for the conversations' first messages. A post's latency runs from the instant it was due to the poll that first saw
 * its row in listening_message: captured, analysed, threaded, routed and committed, so visible in the inbox.
 *
 * <p>{@code setup --url JDBC --password P} creates an admin ({@code latency-admin@bench.backchannel.test}) and a
 * default team with three members, so that every conversation is routed and assigned. {@code run --url JDBC --base
 * http://host:port --connector ID --secret S --rate 1000 --seconds 10} prints {@code sent}, {@code seen}, {@code lost},
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
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));

        var poller = Thread.ofPlatform().start(() -> poll(db, connector, prefix, due, seen, outstanding, total));
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            due[i] = start + i * interval;
            long wait = due[i] - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String[] post = POSTS.get(i % POSTS.size());
            byte[] body = body(prefix + i, post[0] + " #" + i, post[1], i);
            long timestamp = Instant.now().getEpochSecond();
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            outstanding.add(i);
            var request = HttpRequest.newBuilder(URI.create(base + "/api/channels/webhook/" + connector))
                    .header("Content-Type", "application/json")
                    .header("X-Backchannel-Timestamp", Long.toString(timestamp))
                    .header("X-Backchannel-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            int n = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 202) {
                    refused.incrementAndGet();
                    outstanding.remove(n);
                }
            });
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

    /** Polls until every post was seen, or nothing new turned up for 30 s after the last one was due. */
    void poll(
            Connection db,
            String connector,
            String prefix,
            long[] due,
            long[] seen,
            java.util.Set<Integer> outstanding,
            int total) {
        int found = 0;
        long lastProgress = System.nanoTime();
        try (PreparedStatement query = db.prepareStatement(
                "select external_id from listening_message where connector_id = ?::uuid and external_id = any(?)")) {
            while (true) {
                // Every outstanding id is one index probe: a backlog of thousands polled every 10 ms would load the
                // database more than the posts do, so the pause grows with the backlog (130 ms at 6,000).
                Thread.sleep(10 + outstanding.size() / 50);
                var wanted = outstanding.stream().map(i -> prefix + i).toArray(String[]::new);
                long now = System.nanoTime();
                if (wanted.length > 0) {
                    query.setString(1, connector);
                    query.setArray(2, db.createArrayOf("text", wanted));
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            int i = Integer.parseInt(rows.getString(1).substring(prefix.length()));
                            if (outstanding.remove(i)) {
                                seen[i] = now;
                                found++;
                                lastProgress = now;
                            }
                        }
                    }
                }
                boolean allDue = due[total - 1] != 0 && now > due[total - 1];
                if (allDue && (outstanding.isEmpty() || now - lastProgress > 30_000_000_000L)) {
                    return;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("polling failed after " + found + " posts", e);
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
