package io.backchannel.channels.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.archive.Capture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Keeps what a reader tells, and checks that every reason it gives is a message in both languages. */
final class CollectingSink implements ImportSink {

    record Rejection(String where, String reasonKey, List<Object> arguments) {}

    private static final Properties ENGLISH = bundle("messages/channels.properties");
    private static final Properties GERMAN = bundle("messages/channels_de.properties");

    final List<Capture> captures = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void capture(Capture capture) {
        captures.add(capture);
    }

    @Override
    public void reject(String where, String reasonKey, Object... arguments) {
        assertThat(ENGLISH).as("English text of " + reasonKey).containsKey(reasonKey);
        assertThat(GERMAN).as("German text of " + reasonKey).containsKey(reasonKey);
        rejections.add(new Rejection(where, reasonKey, List.of(arguments)));
    }

    List<String> texts() {
        return captures.stream().map(Capture::text).toList();
    }

    List<String> reasons() {
        return rejections.stream().map(Rejection::reasonKey).toList();
    }

    /** Reads one file the way the import runner does: only when the reader wants it. */
    static CollectingSink read(ExportFormat format, String path, byte[] content) throws IOException {
        return read(format, path, new ByteArrayInputStream(content));
    }

    static CollectingSink read(ExportFormat format, String path, InputStream content) throws IOException {
        var sink = new CollectingSink();
        ExportReader reader = format.reader(sink);
        assertThat(format.recognises(List.of(path))).as("recognises " + path).isTrue();
        assertThat(reader.order(path)).as("reads " + path).isNotNegative();
        reader.read(path, content);
        reader.finish();
        return sink;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Properties bundle(String name) {
        try (var in = CollectingSink.class.getClassLoader().getResourceAsStream(name)) {
            var properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
