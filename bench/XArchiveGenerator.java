import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an X (Twitter) archive ZIP for the import benchmark, streamed (never whole in memory): data/account.js,
 * data/tweets.js with POSTS tweets (ids beyond 2^53, escaped text, a t.co link in every tenth, replies), and MEDIA
 * files of MEDIA_BYTES random (incompressible) bytes in data/tweets_media/.
 *
 * Usage: java XArchiveGenerator.java OUT.zip POSTS MEDIA MEDIA_BYTES
 */
public class XArchiveGenerator {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int posts = Integer.parseInt(args[1]);
        int media = Integer.parseInt(args[2]);
        int mediaBytes = Integer.parseInt(args[3]);
        long base = 1_800_000_000_000_000_000L;
        Random random = new Random(42);
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
            zip.putNextEntry(new ZipEntry("data/account.js"));
            write(zip, "window.YTD.account.part0 = [{\"account\":{\"username\":\"benchco\",\"accountId\":\"42\"}}]");
            zip.putNextEntry(new ZipEntry("data/tweets.js"));
            write(zip, "window.YTD.tweets.part0 = [");
            for (int i = 0; i < posts; i++) {
                long id = base + i;
                boolean link = i % 10 == 0;
                String text = "Post " + i + " about fish &amp; chips, &lt;3 from the bench" + (link ? " https://t.co/x" + i : "");
                String entities = link
                        ? "{\"urls\":[{\"url\":\"https://t.co/x" + i + "\",\"expanded_url\":\"https://example.org/p/" + i + "\"}]}"
                        : "{\"urls\":[]}";
                String reply = i % 7 == 3 ? ",\"in_reply_to_status_id_str\":\"" + (id - 1) + "\"" : "";
                String mediaEntity = i < media ? ",\"extended_entities\":{\"media\":[{\"id_str\":\"" + i + "\"}]}" : "";
                write(zip, (i == 0 ? "" : ",") + "{\"tweet\":{\"id_str\":\"" + id + "\",\"full_text\":\"" + text
                        + "\",\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"lang\":\"en\",\"entities\":"
                        + entities + reply + mediaEntity + "}}\n");
            }
            write(zip, "]");
            byte[] bytes = new byte[mediaBytes];
            for (int i = 0; i < media; i++) {
                random.nextBytes(bytes);
                zip.putNextEntry(new ZipEntry("data/tweets_media/" + (base + i) + "-m" + i + ".jpg"));
                zip.write(bytes);
            }
        }
        System.out.println(out + " " + Files.size(out) + " bytes");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
