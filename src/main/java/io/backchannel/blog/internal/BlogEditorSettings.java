package io.backchannel.blog.internal;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** The limits and the time zone of the staff's editor ({@code backchannel.blog.*}). */
@Component
public class BlogEditorSettings {

    private final ZoneId zone;
    private final int maxBodyLength;
    private final long maxImageBytes;
    private final long maxImagePixels;

    BlogEditorSettings(
            @Value("${backchannel.blog.time-zone:Europe/Berlin}") String zone,
            @Value("${backchannel.blog.max-body-length:200000}") int maxBodyLength,
            @Value("${backchannel.blog.max-image-size:5MB}") DataSize maxImageSize,
            @Value("${backchannel.blog.max-image-pixels:40000000}") long maxImagePixels) {
        this.zone = ZoneId.of(zone);
        this.maxBodyLength = maxBodyLength;
        this.maxImageBytes = maxImageSize.toBytes();
        this.maxImagePixels = maxImagePixels;
    }

    /** The zone in which staff enter the time a post is to appear. */
    public ZoneId zone() {
        return zone;
    }

    public int maxBodyLength() {
        return maxBodyLength;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    public long maxImagePixels() {
        return maxImagePixels;
    }
}
