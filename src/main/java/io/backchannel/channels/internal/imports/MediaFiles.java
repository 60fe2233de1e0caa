package io.backchannel.channels.internal.imports;

import io.backchannel.archive.Capture;
import io.backchannel.archive.CaptureKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Media files of an export (images, videos) captured as records of their own, named after the post they belong to.
 * Read up to the archive's content limit and no further, so that a huge video never lands whole in memory.
 */
@Component
class MediaFiles {

    private static final Map<String, String> TYPES = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "webp", "image/webp",
            "mp4", "video/mp4",
            "mov", "video/quicktime",
            "mp3", "audio/mpeg",
            "ogg", "audio/ogg");

    private final long limit;

    MediaFiles(@Value("${backchannel.archive.max-content:5MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    /** The file's record, or a rejection when it is larger than the archive keeps. */
    void capture(
            ImportSink sink,
            String platform,
            String account,
            String path,
            String postId,
            Instant saidAt,
            InputStream content)
            throws IOException {
        byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            sink.reject(
                    path,
                    "channels.import.media-too-large",
                    DataSize.ofBytes(limit).toMegabytes());
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        sink.capture(new Capture(
                platform,
                postId + "/media/" + name,
                account,
                account,
                CaptureKind.OWN_POST,
                "und",
                saidAt,
                null,
                "Media " + name + " of " + postId,
                TYPES.getOrDefault(extension, "application/octet-stream"),
                bytes,
                "import",
                path,
                Instant.now(),
                "import"));
    }
}
