package io.backchannel.channels.internal.imports;

import java.util.List;

/**
 * One platform's own data download (an X archive, a Mastodon export, a Bluesky CAR file, a feed): recognised by the
 * files it holds and read as a stream, one item at a time, never whole into memory. Implementations are Spring beans;
 * the import runner offers every upload to each of them.
 */
interface ExportFormat {

    /** The platform recorded with every capture, e.g. {@code x}, {@code mastodon}, {@code bluesky}. */
    String platform();

    /**
     * Whether an upload holding these files is in this format: the entry paths of a ZIP, or the single uploaded file's
     * name.
     */
    boolean recognises(List<String> paths);

    /** A reader for one upload; it is used by one thread and forgotten afterwards, so it may keep state. */
    ExportReader reader(ImportSink sink);
}
