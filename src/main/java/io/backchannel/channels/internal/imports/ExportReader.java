package io.backchannel.channels.internal.imports;

import java.io.IOException;
import java.io.InputStream;

/** Reads the files of one upload, in the order it asks for, and tells the sink what it found. */
interface ExportReader {

    /**
     * Where this file goes in the reading order (lower first, e.g. an account file before the posts that need its
     * name), or a negative number for a file this reader does not read.
     */
    int order(String path);

    /**
     * Reads one file as a stream. A record that cannot be read goes to {@link ImportSink#reject} and reading goes on;
     * an exception means the rest of this file cannot be read (truncated, not the format at all).
     */
    void read(String path, InputStream content) throws IOException;

    /** Called once after the last file, for what needs the whole upload (e.g. media found before their posts). */
    default void finish() {}
}
