package io.backchannel.channels;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/** X (Twitter) archives as X writes them: JavaScript files that assign JSON to {@code window.YTD}, in a ZIP. */
public final class XArchives {

    private XArchives() {}

    public static String accountJs(String name) {
        return "window.YTD.account.part0 = [{\"account\": {\"username\": \"" + name + "\", \"accountId\": \"1\"}}]";
    }

    public static String tweetsJs(int part, String items) {
        return "window.YTD.tweets.part" + part + " = [" + items + "]";
    }

    public static String tweet(long id, String text, @Nullable String replyTo, boolean withLink) {
        String entities = withLink
                ? "{\"urls\": [{\"url\": \"https://t.co/abc\", \"expanded_url\": \"https://example.org/menu\"}]}"
                : "{\"urls\": []}";
        return "{\"tweet\": {\"id\": \"" + id + "\", \"id_str\": \"" + id + "\", \"full_text\": \"" + text
                + "\", \"created_at\": \"Wed Oct 10 20:19:24 +0000 2018\", \"lang\": \"en\", \"entities\": "
                + entities + (replyTo == null ? "" : ", \"in_reply_to_status_id_str\": \"" + replyTo + "\"") + "}}";
    }

    /** Writes the files (text as UTF-8, or bytes as given) into a ZIP at {@code path}. */
    public static Path zip(Path path, Map<String, ?> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(path);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(
                        file.getValue() instanceof byte[] raw
                                ? raw
                                : ((String) file.getValue()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return path;
    }
}
