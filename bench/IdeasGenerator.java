import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Loads a large ideas portal into Backchannel's database for bench/ideas.sh: accounts, boards, ideas in English and
 * German, votes, status answers and comments, with COPY. Counts and hot scores are computed here from the vote rows
 * exactly as IdeaPortal and HotScore do, so the data is what the application itself would have stored.
 *
 * <p>Run with the application's class path (PostgreSQL driver, spring-security-crypto), e.g. {@code java -cp
 * "bench/results/app/lib/*" bench/IdeasGenerator.java load --url jdbc:postgresql://127.0.0.1:5432/backchannel?user=postgres
 * --ideas 100000 --votes 1000000 --comments 300000 --accounts 20000}. Deterministic for a seed. {@code load} expects a
 * migrated, empty portal (no ideas) and prints one line per table, then {@code load_ms N} and {@code max_number N}.
 * {@code check} prints how many ideas' promotes, demotes or hot score differ from their vote rows ({@code
 * wrong_counts N}, {@code wrong_hot N}) and the number of votes ({@code votes N}).
 */
public class IdeasGenerator {

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z"); // HotScore.EPOCH
    static final int STAFF = 20; // the first accounts are staff: they answer with statuses and comment as staff

    final Map<String, String> options = new HashMap<>();
    final SplittableRandom random;
    // Whole seconds: PostgreSQL rounds to microseconds, which must not move a vote into the next second of HotScore.
    final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    final double halfLifeSeconds;

    IdeasGenerator(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        random = new SplittableRandom(Long.parseLong(option("seed", "20261122")));
        halfLifeSeconds = Duration.parse("P" + option("half-life-days", "7") + "D").toSeconds();
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int count(String name, int fallback) {
        return Integer.parseInt(option(name, String.valueOf(fallback)));
    }

    public static void main(String[] args) throws Exception {
        var generator = new IdeasGenerator(java.util.Arrays.copyOfRange(args, 1, args.length));
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> generator.run();
            case "check" -> generator.check();
            default -> throw new IllegalArgumentException("usage: IdeasGenerator load|check --url JDBC-URL [...]");
        }
    }

    /**
     * Counts must equal the vote rows exactly; hot must equal their decayed sum up to rounding (the application's cast
     * times have microseconds, rounded by PostgreSQL, which can move a vote's second of HotScore by one).
     */
    void check() throws SQLException {
        try (Connection db = DriverManager.getConnection(option("url", "jdbc:postgresql://127.0.0.1/backchannel"));
                var statement = db.prepareStatement(
                        """
                        select count(*) filter (where i.promotes <> coalesce(v.promotes, 0)
                                                   or i.demotes <> coalesce(v.demotes, 0)) as wrong_counts,
                               -- hot is a float sum updated vote by vote, and the check sums in another order: each
                               -- addition may round by half a unit in the last place (1.1e-16) of the largest weight,
                               -- that of a vote cast now. Allowed: that much for each vote row plus 1,000 updates
                               -- (withdrawn votes); still far below the weight of any vote of the last months.
                               -- Ideas whose votes nearly cancel need that absolute bound; the others 1e-5 of their hot.
                               count(*) filter (where abs(i.hot - coalesce(v.hot, 0)) > greatest(
                                   1e-5 * abs(i.hot), 2.3e-16 * (coalesce(v.votes, 0) + 1000) * power(2::float8,
                                   floor(extract(epoch from now() - ?::timestamptz)) / ?))) as wrong_hot,
                               coalesce(sum(v.votes), 0) as votes,
                               (select count(*) from ideas_vote where cast_at > now() - make_interval(secs => ?))
                                   as recent
                        from ideas_idea i left join (
                            select idea_id, count(*) filter (where value = 1) as promotes,
                                   count(*) filter (where value = -1) as demotes, count(*) as votes,
                                   sum(value * power(2::float8, floor(extract(epoch from cast_at - ?::timestamptz))
                                                          / ?)) as hot
                            from ideas_vote group by idea_id) v on v.idea_id = i.id""")) {
            statement.setString(1, EPOCH.toString());
            statement.setDouble(2, halfLifeSeconds);
            statement.setDouble(3, Double.parseDouble(option("recent-seconds", "0")));
            statement.setString(4, EPOCH.toString());
            statement.setDouble(5, halfLifeSeconds);
            try (var rs = statement.executeQuery()) {
                rs.next();
                System.out.printf(
                        "wrong_counts %d%nwrong_hot %d%nvotes %d%nrecent %d%n",
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4));
            }
        }
    }

    void run() throws SQLException, IOException {
        int accounts = count("accounts", 20_000);
        int boards = count("boards", 8);
        int ideas = count("ideas", 100_000);
        int votes = count("votes", 1_000_000);
        int comments = count("comments", 300_000);
        String email = option("email", "bench%d@bench.backchannel.test");
        String password = option("password", "bench-password");
        if (votes < ideas || accounts < 2 * STAFF) {
            throw new IllegalArgumentException("need at least one vote per idea (the author's) and 40 accounts");
        }
        try (Connection db = DriverManager.getConnection(option("url", "jdbc:postgresql://127.0.0.1/backchannel"))) {
            db.setAutoCommit(false);
            try (var check = db.createStatement();
                    var rs = check.executeQuery("select count(*) from ideas_idea")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("the portal already has ideas; the generator needs an empty one");
                }
            }
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            // Without triggers (foreign keys, the list version) where allowed: the generated rows are consistent, and
            // the list version is bumped once at the end instead of once per idea.
            try (var statement = db.createStatement()) {
                statement.execute("set local session_replication_role = replica");
            } catch (SQLException notSuperuser) {
                db.rollback();
            }

            UUID[] accountIds = loadAccounts(copy, accounts, email, password);
            UUID[] boardIds = new UUID[boards];
            boolean[] upOnly = new boolean[boards];
            loadBoards(copy, boardIds, upOnly);
            loadIdeas(copy, accountIds, boardIds, upOnly, ideas, votes, comments);
            try (var statement = db.createStatement()) {
                statement.execute(
                        """
                        do $$ begin
                            if to_regclass('ideas_list_version') is not null then
                                update ideas_list_version set version = version + 1;
                            end if;
                        end $$""");
            }
            db.commit();
            step("commit", started);

            db.setAutoCommit(true);
            long analyzed = System.nanoTime();
            try (var statement = db.createStatement()) {
                statement.execute("vacuum analyze");
            }
            step("vacuum analyze", analyzed);
            try (var statement = db.createStatement();
                    var rs = statement.executeQuery("select max(number) from ideas_idea")) {
                rs.next();
                System.out.printf("load_ms %d%n", (System.nanoTime() - started) / 1_000_000);
                System.out.printf("max_number %d%n", rs.getLong(1));
            }
        }
    }

    UUID[] loadAccounts(CopyManager copy, int n, String emailPattern, String password)
            throws SQLException, IOException {
        long started = System.nanoTime();
        // One hash for all: the cost of BCrypt is paid at login, not here.
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(password);
        UUID[] ids = new UUID[n];
        var accounts = new Rows();
        var roles = new Rows();
        for (int i = 0; i < n; i++) {
            ids[i] = uuid();
            String locale = i % 3 == 0 ? "de" : "en";
            accounts.add(ids[i], emailPattern.formatted(i), name(i), hash, locale, now.minus(Duration.ofDays(400)));
            roles.add(ids[i], "CUSTOMER");
            if (i < STAFF) {
                roles.add(ids[i], "STAFF");
            }
        }
        copy(copy, "identity_account (id, email, display_name, password_hash, locale, email_verified_at)", accounts);
        copy(copy, "identity_account_role (account_id, role)", roles);
        step("accounts " + n, started);
        return ids;
    }

    void loadBoards(CopyManager copy, UUID[] ids, boolean[] upOnly) throws SQLException, IOException {
        var rows = new Rows();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = uuid();
            upOnly[i] = i % 4 == 3;
            String[] board = BOARDS[i % BOARDS.length];
            String suffix = i < BOARDS.length ? "" : " " + (i / BOARDS.length + 1);
            rows.add(ids[i], "bench-" + (i + 1), board[0] + suffix, board[1], upOnly[i], i);
        }
        copy(copy, "ideas_category (id, slug, name, description, up_votes_only, position)", rows);
    }

    /**
     * Ideas with their votes (the author's own promote first, as IdeaPortal.submit does), status answers and
     * comments. Votes per idea are log-normally spread, so a few ideas have thousands and most have a handful.
     */
    void loadIdeas(
            CopyManager copy,
            UUID[] accounts,
            UUID[] boards,
            boolean[] upOnly,
            int n,
            int totalVotes,
            int totalComments)
            throws SQLException, IOException {
        long started = System.nanoTime();
        int others = totalVotes - n;
        int[] extra = spread(n, others, accounts.length - 1, 1.6);
        var ideaRows = new Rows();
        var voteRows = new Rows();
        var historyRows = new Rows();
        UUID[] ideaIds = new UUID[n];
        Instant[] created = new Instant[n];
        long castVotes = 0;
        for (int i = 0; i < n; i++) {
            UUID id = ideaIds[i] = uuid();
            int board = random.nextInt(boards.length);
            // Older ideas are rarer: a portal grows.
            created[i] = now.minusSeconds((long) (Math.pow(random.nextDouble(), 1.5) * 365 * 86_400));
            // Distinct voters: start s (the author) and a stride coprime with the number of accounts.
            int a = accounts.length;
            int start = random.nextInt(a);
            int stride;
            do {
                stride = 1 + random.nextInt(a - 1);
            } while (gcd(stride, a) != 1);
            int promotes = 0, demotes = 0;
            double hot = 0;
            for (int j = 0; j <= extra[i]; j++) {
                UUID voter = accounts[(int) ((start + (long) j * stride) % a)];
                int value = j == 0 || upOnly[board] || random.nextDouble() < 0.85 ? 1 : -1;
                // Most votes come soon after an idea is posted.
                Instant cast = j == 0
                        ? created[i]
                        : created[i].plusSeconds((long) (Math.pow(random.nextDouble(), 3)
                                * Duration.between(created[i], now).toSeconds()));
                voteRows.add(id, voter, value, cast);
                hot += value * weight(cast);
                if (value > 0) {
                    promotes++;
                } else {
                    demotes++;
                }
            }
            castVotes += extra[i] + 1;
            String status = status();
            Instant changed = created[i];
            if (!status.equals("NEW")) {
                changed = created[i].plusSeconds(
                        random.nextLong(Math.max(1, Duration.between(created[i], now).toSeconds())));
                historyRows.add(uuid(), id, "NEW", status, explanation(status), accounts[random.nextInt(STAFF)], changed);
            }
            boolean german = random.nextDouble() < 0.4;
            String markdown = german ? germanBody() : englishBody();
            ideaRows.add(
                    id,
                    german ? germanTitle() : englishTitle(),
                    markdown,
                    html(markdown),
                    boards[board],
                    accounts[start],
                    status,
                    promotes,
                    demotes,
                    hot,
                    created[i],
                    changed,
                    status.startsWith("IMPLEMENTED") || status.startsWith("PARTIALLY") ? changed : null,
                    // Set on submit by the application; left empty, its background job would detect every idea's
                    // language while the benchmark runs.
                    german ? "de" : "en");
        }
        // Numbers are given in COPY order: idea i gets number i + 1 in an empty table.
        copy(
                copy,
                "ideas_idea (id, title, body_markdown, body_html, category_id, author_id, status, promotes, demotes, hot,"
                        + " created_at, status_changed_at, implemented_at, language)",
                ideaRows);
        step("ideas " + n, started);
        long votesStarted = System.nanoTime();
        copy(copy, "ideas_vote (idea_id, account_id, value, cast_at)", voteRows);
        copy(
                copy,
                "ideas_status_change (id, idea_id, from_status, to_status, explanation, changed_by, changed_at)",
                historyRows);
        step("votes " + castVotes, votesStarted);
        long commentsStarted = System.nanoTime();
        int[] perIdea = spread(n, totalComments, Integer.MAX_VALUE, 1.3);
        var commentRows = new Rows();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < perIdea[i]; c++) {
                int author = random.nextInt(accounts.length);
                boolean german = random.nextDouble() < 0.4;
                String markdown = german ? germanComment() : englishComment();
                Instant at = created[i].plusSeconds(
                        random.nextLong(Math.max(1, Duration.between(created[i], now).toSeconds())));
                commentRows.add(uuid(), ideaIds[i], accounts[author], markdown, html(markdown), author < STAFF, at);
                if (commentRows.size() >= 50_000) {
                    copy(copy, "ideas_comment (id, idea_id, author_id, body_markdown, body_html, staff, created_at)", commentRows);
                }
            }
        }
        copy(copy, "ideas_comment (id, idea_id, author_id, body_markdown, body_html, staff, created_at)", commentRows);
        step("comments " + totalComments, commentsStarted);
    }

    /** The weight of one vote cast at the time, as HotScore.weight computes it. */
    double weight(Instant cast) {
        return Math.pow(2, Duration.between(EPOCH, cast).toSeconds() / halfLifeSeconds);
    }

    /** Splits total over n slots, log-normally (sigma), each at most max; the sum is exactly total where it fits. */
    int[] spread(int n, int total, int max, double sigma) {
        double[] raw = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            raw[i] = Math.exp(sigma * gaussian());
            sum += raw[i];
        }
        int[] out = new int[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.min(max, Math.floor(raw[i] / sum * total));
            given += out[i];
        }
        for (long missing = total - given, tries = 0; missing > 0 && tries < 100L * total; tries++) {
            int i = random.nextInt(n);
            if (out[i] < max) {
                out[i]++;
                missing--;
            }
        }
        return out;
    }

    double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    UUID uuid() {
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }

    String status() {
        double p = random.nextDouble();
        if (p < 0.80) return "NEW";
        if (p < 0.85) return "UNDER_REVIEW";
        if (p < 0.89) return "PLANNED";
        if (p < 0.92) return "IN_PROGRESS";
        if (p < 0.96) return "IMPLEMENTED";
        if (p < 0.97) return "PARTIALLY_IMPLEMENTED";
        if (p < 0.98) return "NOT_PLANNED";
        if (p < 0.99) return "DUPLICATE";
        return "ARCHIVED";
    }

    String explanation(String status) {
        return switch (status) {
            case "NOT_PLANNED" -> "This does not fit our plans for the next year. Thank you for the suggestion!";
            case "DUPLICATE" -> "Already suggested, please vote for the earlier idea.";
            case "IMPLEMENTED" -> "Available now. Danke für die Idee!";
            default -> pick(random.nextBoolean() ? EN_WHY : DE_WHY);
        };
    }

    String name(int i) {
        return FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length] + " " + i;
    }

    String englishTitle() {
        return pick(EN_VERB) + " " + pick(EN_THING) + " " + pick(EN_PLACE);
    }

    String germanTitle() {
        return pick(DE_THING) + " " + pick(DE_PLACE) + " " + pick(DE_VERB);
    }

    String englishBody() {
        var text = new StringBuilder();
        text.append("When I ").append(pick(EN_SITUATION)).append(", I have to ").append(pick(EN_PAIN)).append(". ");
        text.append("It would help a lot to have ").append(pick(EN_THING)).append(' ').append(pick(EN_PLACE)).append(". ");
        text.append(pick(EN_WHY));
        if (random.nextDouble() < 0.3) {
            text.append("\n\n- ").append(pick(EN_THING)).append("\n- ").append(pick(EN_THING)).append("\n- **")
                    .append(pick(EN_THING)).append("**");
        }
        return text.toString();
    }

    String germanBody() {
        var text = new StringBuilder();
        text.append("Wenn ich ").append(pick(DE_SITUATION)).append(", muss ich ").append(pick(DE_PAIN)).append(". ");
        text.append("Es wäre toll, ").append(pick(DE_THING)).append(' ').append(pick(DE_PLACE)).append(" zu haben. ");
        text.append(pick(DE_WHY));
        if (random.nextDouble() < 0.3) {
            text.append("\n\n- ").append(pick(DE_THING)).append("\n- ").append(pick(DE_THING)).append("\n- **")
                    .append(pick(DE_THING)).append("**");
        }
        return text.toString();
    }

    String englishComment() {
        return random.nextBoolean()
                ? "+1, I " + pick(EN_SITUATION).replaceFirst("^\\w+", "also $0") + " and would love " + pick(EN_THING) + "."
                : pick(EN_WHY) + " Maybe " + pick(EN_THING) + " " + pick(EN_PLACE) + " as well?";
    }

    String germanComment() {
        return random.nextBoolean()
                ? "Gute Idee! Ich würde mir auch " + pick(DE_THING) + " " + pick(DE_PLACE) + " wünschen."
                : pick(DE_WHY) + " Vielleicht auch " + pick(DE_THING) + "?";
    }

    /** What SafeMarkdown makes of the generated texts: paragraphs, a bullet list and bold. */
    static String html(String markdown) {
        var html = new StringBuilder();
        for (String block : markdown.split("\n\n")) {
            String escaped = block.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>");
            if (escaped.startsWith("- ")) {
                html.append("<ul>\n");
                for (String item : escaped.split("\n")) {
                    html.append("<li>").append(item.substring(2)).append("</li>\n");
                }
                html.append("</ul>\n");
            } else {
                html.append("<p>").append(escaped).append("</p>\n");
            }
        }
        return html.toString();
    }

    String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    static void step(String what, long startedNanos) {
        System.out.printf("%-28s %6d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
        System.out.flush();
    }

    static void copy(CopyManager copy, String table, Rows rows) throws SQLException, IOException {
        copy.copyIn("copy " + table + " from stdin", new StringReader(rows.text.toString()));
        rows.clear();
    }

    /** Rows in COPY's text format: tab-separated, \N for null, backslash escapes. */
    static final class Rows {
        final StringBuilder text = new StringBuilder(1 << 20);
        int size;

        void add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object value = values[i];
                if (value == null) {
                    text.append("\\N");
                } else {
                    for (char c : value.toString().toCharArray()) {
                        switch (c) {
                            case '\\' -> text.append("\\\\");
                            case '\n' -> text.append("\\n");
                            case '\r' -> text.append("\\r");
                            case '\t' -> text.append("\\t");
                            default -> text.append(c);
                        }
                    }
                }
            }
            text.append('\n');
            size++;
        }

        int size() {
            return size;
        }

        void clear() {
            text.setLength(0);
            size = 0;
        }
    }

    static final String[][] BOARDS = {
        {"Mobile app", "The app for iOS and Android"},
        {"Online-Shop", "Bestellen, Lieferung, Bezahlen"},
        {"Products", "Tents, backpacks, clothing"},
        {"Service & Reparatur", "Rücksendungen, Reparaturen, Ersatzteile"},
        {"Stores", "Our stores and their events"},
        {"Konto & Datenschutz", "Anmeldung, Daten, Einstellungen"},
        {"Rental", "Renting gear for a trip"},
        {"Newsletter", "What we write to you"},
    };
    static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hannah", "Ivan", "Jonas",
        "Kim", "Lena", "Mia", "Noah", "Olga", "Paul", "Rosa", "Sam", "Tom", "Ute"};
    static final String[] LAST = {"Schmidt", "Miller", "Weber", "Jones", "Fischer", "Brown", "Wagner", "Taylor",
        "Becker", "Wilson", "Hoffmann", "Clark", "Schäfer", "Lewis", "Koch", "Walker"};
    static final String[] EN_VERB = {"Add", "Allow", "Show", "Offer", "Support", "Improve", "Simplify", "Remember",
        "Export", "Sync", "Bring back", "Speed up"};
    static final String[] EN_THING = {"dark mode", "a size guide", "spare parts", "gift cards", "a repair service",
        "bulk ordering", "order tracking", "a wishlist", "rental gear", "trail maps", "waterproof zippers",
        "a loyalty programme", "recycled fabrics", "click and collect", "invoice downloads", "two-factor login",
        "push notifications", "keyboard shortcuts", "CSV export", "calendar sync", "product reviews",
        "a barcode scanner", "offline maps", "store opening hours"};
    static final String[] EN_PLACE = {"in the app", "in the online shop", "for backpacks", "for tents", "at checkout",
        "in the stores", "on the account page", "for sleeping bags", "in the newsletter", "for teams",
        "for hiking boots", "on the product page"};
    static final String[] EN_SITUATION = {"order for my whole family", "plan a longer trip", "return a broken tent",
        "pay by invoice", "compare two jackets", "look for spare parts", "travel abroad", "shop on my phone",
        "prepare a school trip", "buy a present"};
    static final String[] EN_PAIN = {"call the hotline", "buy the whole set again", "search through every page",
        "wait two weeks", "print a form", "sign in again", "write an e-mail", "visit a store"};
    static final String[] EN_WHY = {"This would save me a lot of time.", "Other shops already do this.",
        "Many of my friends asked for the same.", "It is better for the environment, too.",
        "Right now this is really frustrating.", "I would order much more often."};
    static final String[] DE_VERB = {"hinzufügen", "anbieten", "verbessern", "vereinfachen", "ermöglichen",
        "anzeigen", "speichern", "beschleunigen"};
    static final String[] DE_THING = {"Dunkelmodus", "Größentabelle", "Ersatzteile", "Geschenkgutscheine",
        "Reparaturservice", "Sammelbestellungen", "Sendungsverfolgung", "Wunschliste", "Mietausrüstung",
        "Wanderkarten", "wasserdichte Reißverschlüsse", "Treueprogramm", "recycelte Stoffe", "Abholung im Laden",
        "Rechnungen zum Herunterladen", "Zwei-Faktor-Anmeldung", "Push-Benachrichtigungen", "Tastenkürzel",
        "CSV-Export", "Kalenderabgleich", "Produktbewertungen", "Offline-Karten"};
    static final String[] DE_PLACE = {"in der App", "im Onlineshop", "für Rucksäcke", "für Zelte", "an der Kasse",
        "in den Filialen", "auf der Kontoseite", "für Schlafsäcke", "im Newsletter", "für Wanderschuhe"};
    static final String[] DE_SITUATION = {"für die ganze Familie bestelle", "eine längere Reise plane",
        "ein kaputtes Zelt zurückschicke", "auf Rechnung bezahle", "zwei Jacken vergleiche",
        "Ersatzteile suche", "im Ausland unterwegs bin", "am Handy einkaufe"};
    static final String[] DE_PAIN = {"die Hotline anrufen", "das ganze Set neu kaufen", "jede Seite durchsuchen",
        "zwei Wochen warten", "ein Formular ausdrucken", "mich neu anmelden", "in die Filiale fahren"};
    static final String[] DE_WHY = {"Das würde mir viel Zeit sparen.", "Andere Shops machen das schon.",
        "Viele meiner Freunde wünschen sich das auch.", "Das ist auch besser für die Umwelt.",
        "Im Moment ist das wirklich ärgerlich.", "Ich würde dann viel öfter bestellen."};
}
