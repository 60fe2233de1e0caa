import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a large company blog into Backchannel's database for bench/blog.sh: a few staff authors, posts in five
 * languages (originals in English or German, most with translations into some of the others, linked by
 * translation_of), tags and comments, with COPY. Reuses the COPY helpers of IdeasGenerator (compile both together).
 *
 * <p>{@code load --url JDBC-URL --posts 10000 --comments 200000} expects a migrated blog without posts; prints one line
 * per table, then {@code load_ms N}. {@code slugs --url JDBC-URL --count N --out FILE} writes N random public posts as
 * {@code language/slug} lines, for the wrk script. Deterministic for a seed.
 */
public class BlogGenerator {

    static final String[] LANGUAGES = {"en", "de", "es", "no", "ja"};
    static final String[] CATEGORIES = {"news", "ideas-in-action", "investor-relations", "careers", "product"};
    static final int AUTHORS = 8;

    final Map<String, String> options = new HashMap<>();
    final SplittableRandom random;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    BlogGenerator(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        random = new SplittableRandom(Long.parseLong(options.getOrDefault("seed", "20261122")));
    }

    public static void main(String[] args) throws Exception {
        var generator = new BlogGenerator(java.util.Arrays.copyOfRange(args, 1, args.length));
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> generator.load();
            case "slugs" -> generator.slugs();
            default -> throw new IllegalArgumentException("usage: BlogGenerator load|slugs --url JDBC-URL [...]");
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(options.getOrDefault("url", "jdbc:postgresql://127.0.0.1/backchannel"));
    }

    void load() throws SQLException, IOException {
        int posts = Integer.parseInt(options.getOrDefault("posts", "10000"));
        int comments = Integer.parseInt(options.getOrDefault("comments", "200000"));
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (var check = db.createStatement();
                    var rs = check.executeQuery("select count(*) from blog_post")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("the blog already has posts; the generator needs an empty one");
                }
            }
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            // Without triggers where allowed: the content version is bumped once at the end, not once per row.
            try (var statement = db.createStatement()) {
                statement.execute("set local session_replication_role = replica");
            } catch (SQLException notSuperuser) {
                db.rollback();
            }
            UUID[] authors = loadAuthors(copy);
            Map<String, UUID> categories = new HashMap<>();
            try (var statement = db.createStatement();
                    var rs = statement.executeQuery("select slug, id from blog_category")) {
                while (rs.next()) {
                    categories.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
            UUID[] published = loadPosts(copy, authors, categories, posts);
            loadComments(copy, authors, published, comments);
            try (var statement = db.createStatement()) {
                statement.execute("update blog_content_version set version = version + 1, changed_at = now()");
            }
            db.commit();
            IdeasGenerator.step("commit", started);
            db.setAutoCommit(true);
            long analyzed = System.nanoTime();
            try (var statement = db.createStatement()) {
                statement.execute("vacuum analyze");
            }
            IdeasGenerator.step("vacuum analyze", analyzed);
            System.out.printf("load_ms %d%n", (System.nanoTime() - started) / 1_000_000);
        }
    }

    UUID[] loadAuthors(CopyManager copy) throws SQLException, IOException {
        var accounts = new IdeasGenerator.Rows();
        var roles = new IdeasGenerator.Rows();
        UUID[] ids = new UUID[AUTHORS];
        for (int i = 0; i < AUTHORS; i++) {
            ids[i] = uuid();
            // No password anyone knows: the benchmark reads the blog anonymously.
            accounts.add(ids[i], "blog-author" + i + "@bench.backchannel.test", "Author " + i, "{noop}" + uuid(), "en");
            roles.add(ids[i], "STAFF");
        }
        IdeasGenerator.copy(copy, "identity_account (id, email, display_name, password_hash, locale)", accounts);
        IdeasGenerator.copy(copy, "identity_account_role (account_id, role)", roles);
        return ids;
    }

    /** Stories of an original and 0–4 translations until {@code n} posts; 2 % drafts, 1 % scheduled. */
    UUID[] loadPosts(CopyManager copy, UUID[] authors, Map<String, UUID> categories, int n)
            throws SQLException, IOException {
        long started = System.nanoTime();
        var posts = new IdeasGenerator.Rows();
        var tags = new IdeasGenerator.Rows();
        var published = new java.util.ArrayList<UUID>();
        int written = 0;
        for (int story = 0; written < n; story++) {
            UUID original = uuid();
            String category = CATEGORIES[story % CATEGORIES.length];
            UUID author = authors[random.nextInt(authors.length)];
            Instant at = now.minus(Duration.ofMinutes(30L * story + random.nextInt(30)));
            String state = random.nextInt(100) < 2 ? "DRAFT" : "PUBLISHED";
            if (story % 100 == 7) {
                state = "SCHEDULED";
                at = now.plus(Duration.ofDays(1 + random.nextInt(30)));
            }
            int languages = Math.min(1 + random.nextInt(5), n - written);
            int first = story % 2; // originals in English or German
            for (int l = 0; l < languages; l++) {
                String language = LANGUAGES[(first + l) % LANGUAGES.length];
                UUID id = l == 0 ? original : uuid();
                String title = title(language, story);
                String body = body(language, story);
                posts.add(
                        id,
                        language,
                        "story-" + story + "-" + language,
                        title,
                        "Summary of story " + story + " in " + language + ".",
                        body,
                        "<p>" + body.replace("\n\n", "</p>\n<p>") + "</p>",
                        categories.get(category),
                        author,
                        l == 0 ? null : original,
                        l == 0 ? null : 1,
                        state,
                        at.plus(Duration.ofMinutes(l)),
                        at,
                        at);
                tags.add(id, "topic-" + story % 50);
                tags.add(id, language + "-" + category);
                if ("PUBLISHED".equals(state)) {
                    published.add(id);
                }
                written++;
            }
            if (posts.size() >= 5_000) {
                flushPosts(copy, posts, tags);
            }
        }
        flushPosts(copy, posts, tags);
        IdeasGenerator.step("posts " + written, started);
        return published.toArray(UUID[]::new);
    }

    void flushPosts(CopyManager copy, IdeasGenerator.Rows posts, IdeasGenerator.Rows tags)
            throws SQLException, IOException {
        IdeasGenerator.copy(
                copy,
                "blog_post (id, language, slug, title, summary, body_markdown, body_html, category_id, author_id,"
                        + " translation_of, translated_from_revision, state, publish_at, created_at, updated_at)",
                posts);
        IdeasGenerator.copy(copy, "blog_post_tag (post_id, tag)", tags);
    }

    void loadComments(CopyManager copy, UUID[] authors, UUID[] posts, int n) throws SQLException, IOException {
        long started = System.nanoTime();
        var rows = new IdeasGenerator.Rows();
        for (int i = 0; i < n; i++) {
            UUID post = posts[random.nextInt(posts.length)];
            String text = "Comment " + i + ": thanks for the update, this helps a lot.";
            boolean guest = i % 4 == 0;
            rows.add(
                    uuid(),
                    post,
                    guest ? null : authors[random.nextInt(authors.length)],
                    guest ? "Guest " + i : null,
                    guest ? "guest" + i + "@bench.backchannel.test" : null,
                    text,
                    "<p>" + text + "</p>",
                    i % 20 == 0 ? "PENDING" : "PUBLISHED",
                    now.minus(Duration.ofSeconds(random.nextInt(30 * 24 * 3600))));
            if (rows.size() >= 20_000) {
                copyComments(copy, rows);
            }
        }
        copyComments(copy, rows);
        IdeasGenerator.step("comments " + n, started);
    }

    static void copyComments(CopyManager copy, IdeasGenerator.Rows rows) throws SQLException, IOException {
        IdeasGenerator.copy(
                copy,
                "blog_comment (id, post_id, author_id, guest_name, guest_email, body_markdown, body_html, state,"
                        + " created_at)",
                rows);
    }

    void slugs() throws SQLException, IOException {
        int count = Integer.parseInt(options.getOrDefault("count", "1000"));
        try (Connection db = connect();
                var statement = db.prepareStatement("select language || '/' || slug from blog_post"
                        + " where state = 'PUBLISHED' order by md5(id::text) limit ?")) {
            statement.setInt(1, count);
            try (var rs = statement.executeQuery();
                    var out = new PrintWriter(Files.newBufferedWriter(Path.of(options.get("out"))))) {
                int written = 0;
                while (rs.next()) {
                    out.println(rs.getString(1));
                    written++;
                }
                System.out.printf("slugs %d%n", written);
            }
        }
    }

    String title(String language, int story) {
        return switch (language) {
            case "de" -> "Neuigkeiten aus dem Unternehmen, Teil " + story;
            case "es" -> "Novedades de la empresa, parte " + story;
            case "no" -> "Nytt fra selskapet, del " + story;
            case "ja" -> "会社からのお知らせ 第" + story + "回";
            default -> "News from the company, part " + story;
        };
    }

    /** About 300 words in four paragraphs. */
    String body(String language, int story) {
        String sentence = switch (language) {
            case "de" -> "Unsere Werkstatt hat in diesem Monat wieder viele Zelte und Rucksäcke repariert. ";
            case "es" -> "Nuestro taller ha reparado este mes muchas tiendas de campaña y mochilas. ";
            case "no" -> "Verkstedet vårt har reparert mange telt og ryggsekker denne måneden. ";
            case "ja" -> "今月も工房ではたくさんのテントとバックパックを修理しました。";
            default -> "Our workshop repaired many tents and backpacks again this month. ";
        };
        var body = new StringBuilder();
        for (int p = 0; p < 4; p++) {
            if (p > 0) {
                body.append("\n\n");
            }
            body.append("Story ").append(story).append(". ").append(sentence.repeat(6 + random.nextInt(4)));
        }
        return body.toString();
    }

    UUID uuid() {
        return new UUID(
                random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }
}
