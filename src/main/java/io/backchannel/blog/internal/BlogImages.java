package io.backchannel.blog.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Images for posts. An upload must be a PNG, JPEG or GIF by its content (its name and declared type are ignored); its
 * size is read from the header before any pixel is decoded, so that a small file claiming a huge picture (a
 * decompression bomb) is refused cheaply. What is stored is the decoded picture encoded anew, so no metadata, scripts
 * or polyglot tricks of the upload survive.
 */
@Service
public class BlogImages {

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");

    private final JdbcClient jdbc;
    private final BlogEditorSettings settings;

    BlogImages(JdbcClient jdbc, BlogEditorSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Refuses an upload by its size as the request declares it, before its bytes are read into memory. */
    public void checkSize(long size) {
        if (size > settings.maxImageBytes()) {
            throw new EditRefused("image", "blog.images.too-large", settings.maxImageBytes() / (1024 * 1024));
        }
    }

    /** Stores the image and returns its ID; refuses anything else with {@link EditRefused} on the field "image". */
    @Transactional
    public UUID store(byte[] upload, UUID uploaderId) {
        if (upload.length == 0) {
            throw new EditRefused("image", "blog.images.empty");
        }
        checkSize(upload.length);
        var image = decode(upload);
        boolean photo = image.format().equals("jpeg");
        byte[] bytes = encode(image.pixels(), photo);
        return jdbc.sql(
                        """
                        insert into blog_image (content_type, bytes, width, height, uploaded_by)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(
                        photo ? "image/jpeg" : "image/png",
                        bytes,
                        image.pixels().getWidth(),
                        image.pixels().getHeight(),
                        uploaderId)
                .query(UUID.class)
                .single();
    }

    public Optional<Stored> find(UUID id) {
        return jdbc.sql("select content_type, bytes from blog_image where id = ?")
                .param(id)
                .query((rs, row) -> new Stored(rs.getString("content_type"), rs.getBytes("bytes")))
                .optional();
    }

    private Decoded decode(byte[] upload) {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new EditRefused("image", "blog.images.not-an-image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (format.equals("jpg")) {
                    format = "jpeg";
                }
                if (!FORMATS.contains(format)) {
                    throw new EditRefused("image", "blog.images.wrong-type");
                }
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > settings.maxImagePixels()) {
                    throw new EditRefused(
                            "image", "blog.images.too-many-pixels", settings.maxImagePixels() / 1_000_000);
                }
                return new Decoded(format, reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EditRefused refused) {
                throw refused;
            }
            // Truncated or corrupt files make the decoders throw all kinds of exceptions.
            throw new EditRefused("image", "blog.images.not-an-image");
        }
    }

    /** Photos stay JPEG (without transparency); drawings and GIFs become PNG. */
    private static byte[] encode(BufferedImage image, boolean photo) {
        BufferedImage target = image;
        if (photo && image.getType() != BufferedImage.TYPE_INT_RGB) {
            target = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            var graphics = target.createGraphics();
            graphics.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
            graphics.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(target, photo ? "jpeg" : "png", out)) {
                throw new EditRefused("image", "blog.images.not-an-image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private record Decoded(String format, BufferedImage pixels) {}

    /** An image as it is served. */
    public record Stored(String contentType, byte[] bytes) {}
}
