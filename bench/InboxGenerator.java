import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Loads a large listening inbox for bench/inbox.sh: 20 staff accounts in 4 teams, customers, and conversations with a
 * realistic spread of status (most resolved), team, assignee, channel, language, sentiment, topics and a year of
 * activity, generated inside PostgreSQL with generate_series (one statement a table). The first staff account
 * ({@code bench0@...}) is in the first team, so "my teams" and "assigned to me" lists have work.
 *
 * <p>Run with the application's class path: {@code java -cp "bench/results/app/lib/*" bench/InboxGenerator.java load
 * --url jdbc:postgresql://127.0.0.1:5432/backchannel?user=postgres --conversations 1000000 --password secret}.
 * {@code load} prints {@code load_ms N}; {@code explain} prints the plans and times of the inbox's queries (the SQL of
 * InboxRows) for the first staff account, to check they stay index range scans.
 */
public class InboxGenerator {

    final Map<String, String> options = new HashMap<>();

    public static void main(String[] args) throws Exception {
        var generator = new InboxGenerator();
        for (int i = 1; i + 1 < args.length; i += 2) {
            generator.options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        try (Connection db = DriverManager.getConnection(generator.options.get("url"))) {
            switch (args[0]) {
                case "load" -> generator.load(db);
                case "explain" -> generator.explain(db);
                case "cursor" -> generator.cursor(db);
                default -> throw new IllegalArgumentException("load or explain, not " + args[0]);
            }
        }
    }

    void load(Connection db) throws SQLException {
        long started = System.nanoTime();
        int conversations = Integer.parseInt(options.getOrDefault("conversations", "1000000"));
        int customers = Math.max(1, conversations / 5);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(options.getOrDefault("password", "bench"));
        try (Statement sql = db.createStatement()) {
            sql.execute("insert into identity_account (email, display_name, password_hash, email_verified_at)"
                    + " select 'bench' || i || '@bench.backchannel.test', 'Agent ' || i, '" + hash + "', now()"
                    + " from generate_series(0, 19) i");
            sql.execute("insert into identity_account_role (account_id, role) select id, 'STAFF'"
                    + " from identity_account where email like '%@bench.backchannel.test'");
            sql.execute("insert into identity_team (name) select 'Bench team ' || i from generate_series(0, 3) i");
            // Agent i is in team i % 4.
            sql.execute(
                    """
                    insert into identity_team_member (team_id, account_id)
                    select t.id, a.id from identity_account a join identity_team t
                      on t.name = 'Bench team ' || (substring(a.email from 'bench([0-9]+)@')::int % 4)
                    where a.email like '%@bench.backchannel.test'
                    """);
            sql.execute(
                    """
                    insert into listening_customer (channel, handle, name)
                    select (array['mastodon','bluesky','webhook','feed','manual'])[1 + i % 5],
                           '@customer' || i || '@example.social', 'Customer ' || i
                    from generate_series(0, :last) i
                    """
                            .replace(":last", String.valueOf(customers - 1)));
            sql.execute(
                    """
                    create temporary table bench_staff as
                    select row_number() over (order by a.email) - 1 as n, a.id, m.team_id
                    from identity_account a join identity_team_member m on m.account_id = a.id
                    where a.email like '%@bench.backchannel.test'
                    """);
            sql.execute(
                    """
                    create temporary table bench_customer as
                    select row_number() over (order by id) - 1 as n, id, channel from listening_customer
                    """);
            sql.execute(
                    """
                    insert into listening_conversation (connector_id, channel, customer_id, subject, status, team_id,
                        assignee_id, language, sentiment, topics, intents, search_text, created_at, last_message_at)
                    select '00000000-0000-0000-0000-000000000001', c.channel, c.id,
                           'Question ' || g.i || ' about ' || (array['shipping','refunds','the app','sizes','login'])[1 + g.i % 5],
                           case when g.r < 0.6 then 'RESOLVED' when g.r < 0.85 then 'PENDING' else 'OPEN' end,
                           s.team_id, s.id,
                           (array['en','de','fr','en','de'])[1 + g.i % 5],
                           (array['NEUTRAL','NEUTRAL','POSITIVE','NEGATIVE','UNCLEAR'])[1 + g.i % 5],
                           array[(array['shipping','refunds','app','sizes','login'])[1 + g.i % 5]],
                           case when g.i % 3 = 0 then array['question'] else '{}' end,
                           'customer' || (g.i % :customers) || ' question ' || g.i || ' '
                             || (array['shipping','refunds','app','sizes','login'])[1 + g.i % 5],
                           g.at - interval '1 hour', g.at
                    from (select i, now() - (random() * interval '365 days') as at, random() as r,
                                 floor(random() * 20)::int as staff
                          from generate_series(0, :last) i) g
                    join bench_customer c on c.n = g.i % :customers
                    join bench_staff s on s.n = g.staff
                    """
                            .replace(":customers", String.valueOf(customers))
                            .replace(":last", String.valueOf(conversations - 1)));
            sql.execute("vacuum analyze listening_customer");
            sql.execute("vacuum analyze listening_conversation");
        }
        System.out.printf("conversations %d%ncustomers %d%nload_ms %d%n", conversations, customers,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A keyset cursor half-way down the whole list, as the inbox's "next page" link carries it. */
    void cursor(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
                var rs = sql.executeQuery("select to_char(last_message_at at time zone 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || '_' || id from listening_conversation"
                        + " order by last_message_at desc, id desc offset (select count(*) / 2 from"
                        + " listening_conversation) limit 1")) {
            rs.next();
            System.out.println("cursor " + rs.getString(1));
        }
    }

    /** The inbox's queries as InboxRows builds them, each with EXPLAIN ANALYZE. */
    void explain(Connection db) throws SQLException {
        String columns =
                "select c.id, c.subject, c.status, c.team_id, c.assignee_id, c.last_message_at, cu.handle"
                        + " from listening_conversation c join listening_customer cu on cu.id = c.customer_id";
        String me = "(select id from identity_account where email = 'bench0@bench.backchannel.test')";
        // The application passes one team as "team_id = ?" (see InboxRows), so the plan below reads the team's index.
        String myTeams = "(select team_id from identity_team_member where account_id = " + me + " limit 1)";
        String middle;
        try (Statement sql = db.createStatement();
                var rs = sql.executeQuery("select last_message_at::text, id from listening_conversation order by"
                        + " last_message_at desc, id desc offset (select count(*) / 2 from listening_conversation)"
                        + " limit 1")) {
            rs.next();
            middle = "('" + rs.getString(1) + "'::timestamptz, '" + rs.getString(2) + "'::uuid)";
        }
        String[][] queries = {
            {"open, my teams", " where c.status = 'OPEN' and c.team_id = " + myTeams},
            {"open, assigned to me", " where c.status = 'OPEN' and c.assignee_id = " + me},
            {"all statuses, everyone", ""},
            {"all, page deep in the list", " where (c.last_message_at, c.id) < " + middle},
            {"open, negative, my teams",
                " where c.status = 'OPEN' and c.team_id = " + myTeams + " and c.sentiment = 'NEGATIVE'"},
            {"open, topic refunds", " where c.status = 'OPEN' and c.topics @> array['refunds']::text[]"},
        };
        // A search sorts what the text index found (see InboxRows.order).
        String[][] searches = {
            {"search customer42, sorted", " where c.search @@ plainto_tsquery('simple', 'customer42')"},
        };
        try (Statement sql = db.createStatement()) {
            explain(sql, columns, queries, " order by c.last_message_at desc, c.id desc limit 51");
            String sorted = " order by c.last_message_at + interval '0 seconds' desc, c.id desc limit 51";
            explain(sql, columns, searches, sorted);
            // As InboxRows runs a search: without parallel workers, the page first and then its customers.
            sql.execute("set max_parallel_workers_per_gather = 0");
            searches[0][0] += ", page first, no parallel workers";
            explain(
                    sql,
                    "select c.id, c.subject, c.status, c.team_id, c.assignee_id, c.last_message_at, cu.handle from"
                            + " (select c.id, c.subject, c.status, c.team_id, c.assignee_id, c.last_message_at,"
                            + " c.customer_id from listening_conversation c",
                    searches,
                    sorted + ") c join listening_customer cu on cu.id = c.customer_id"
                            + " order by c.last_message_at desc, c.id desc");
        }
    }

    static void explain(Statement sql, String columns, String[][] queries, String order) throws SQLException {
        for (String[] query : queries) {
            System.out.println("== " + query[0]);
            try (var rs = sql.executeQuery("explain (analyze, buffers) " + columns + query[1] + order)) {
                while (rs.next()) {
                    System.out.println(rs.getString(1));
                }
            }
        }
    }
}
